//! The browser shell of the application form (compiled only for `wasm32`).
