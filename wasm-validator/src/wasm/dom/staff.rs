//! The DOM operations only the staff page needs (part of `dom`, the one module naming `web_sys`):
//! many files read at once, from a file input, a folder input or a drop of files and folders;
//! markup from the core's HTML builder put in place; a CSV offered for download.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
pub use web_sys::File;
use web_sys::{
    DragEvent, FileReader, FileSystemDirectoryEntry, FileSystemDirectoryReader, FileSystemEntry,
    FileSystemFileEntry, HtmlInputElement,
};

use super::{on_window, Element, Event};
use crate::form::drafts::Chosen;

/// One file received: its name and its bytes, or its size
/// when too large to read, or `None` when the browser could not read it.
pub struct Received {
    pub name: String,
    pub content: Option<Chosen>,
}

/// Puts `markup` inside `el`. Only markup built by `crate::html` (every text escaped, the sheets of
/// `crate::sheet`) comes here: a batch of 500 rows is one call instead of tens of thousands.
pub fn set_html(el: &Element, markup: &str) {
    el.set_inner_html(markup);
}

/// Calls `handler` once the browser has printed (or the print dialog was closed).
pub fn on_after_print(mut handler: impl FnMut() + 'static) {
    on_window("afterprint", move |_| handler());
}

/// The files chosen in the file input `input` (a folder's files for a `webkitdirectory` input), and
/// empties it so that the same files can be chosen again.
pub fn chosen_files(input: &Element) -> Vec<File> {
    let Some(input) = input.dyn_ref::<HtmlInputElement>() else {
        return Vec::new();
    };
    let files = input.files().map_or_else(Vec::new, |list| {
        (0..list.length()).filter_map(|i| list.get(i)).collect()
    });
    input.set_value("");
    files
}

/// Lets `zone` receive dropped files and folders (each folder read whole, its sub-folders too), and
/// calls `handler` with the files once every folder has been read.
pub fn on_drop(zone: &Element, handler: impl FnMut(Vec<File>) + 'static) {
    let over = Closure::<dyn FnMut(Event)>::new(|event: Event| event.prevent_default());
    let _ = zone.add_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
    over.forget();
    let handler = Rc::new(RefCell::new(handler));
    let drop = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        event.prevent_default();
        let Some(transfer) = event
            .dyn_ref::<DragEvent>()
            .and_then(DragEvent::data_transfer)
        else {
            return;
        };
        let items = transfer.items();
        let entries: Vec<FileSystemEntry> = (0..items.length())
            .filter_map(|i| items.get(i))
            .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
            .collect();
        if entries.is_empty() {
            // No file system entries (a drop made by a script): the files alone.
            let files = transfer.files().map_or_else(Vec::new, |list| {
                (0..list.length()).filter_map(|i| list.get(i)).collect()
            });
            return (handler.borrow_mut())(files);
        }
        let handler = handler.clone();
        let walk = Walk::start(move |files| (handler.borrow_mut())(files));
        for entry in entries {
            walk.entry(entry);
        }
        walk.done_one();
    });
    let _ = zone.add_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
    drop.forget();
}

/// What runs once, when the last of many reads ends.
type Once<T> = RefCell<Option<Box<dyn FnOnce(T)>>>;

/// A walk through dropped entries: the files found so far and the reads still under way; the
/// handler runs when the last read ends.
#[derive(Clone)]
struct Walk(Rc<WalkState>);

struct WalkState {
    files: RefCell<Vec<File>>,
    pending: RefCell<usize>,
    done: Once<Vec<File>>,
}

impl Walk {
    /// A walk with one pending step (the caller's own, ended by `done_one`).
    fn start(done: impl FnOnce(Vec<File>) + 'static) -> Walk {
        Walk(Rc::new(WalkState {
            files: RefCell::new(Vec::new()),
            pending: RefCell::new(1),
            done: RefCell::new(Some(Box::new(done))),
        }))
    }

    fn begin(&self) {
        *self.0.pending.borrow_mut() += 1;
    }

    fn done_one(&self) {
        let left = {
            let mut pending = self.0.pending.borrow_mut();
            *pending = pending.saturating_sub(1);
            *pending
        };
        if left == 0 {
            let files = self.0.files.take();
            if let Some(done) = self.0.done.borrow_mut().take() {
                done(files);
            }
        }
    }

    fn entry(&self, entry: FileSystemEntry) {
        if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            self.read_dir(dir.create_reader());
        } else if entry.is_file() {
            let file: FileSystemFileEntry = entry.unchecked_into();
            self.begin();
            let walk = self.clone();
            let got = Closure::once_into_js(move |file: JsValue| {
                if let Ok(file) = file.dyn_into::<File>() {
                    walk.0.files.borrow_mut().push(file);
                }
                walk.done_one();
            });
            let walk = self.clone();
            let failed = Closure::once_into_js(move |_: JsValue| walk.done_one());
            file.file_with_callback_and_callback(got.unchecked_ref(), failed.unchecked_ref());
        }
    }

    /// Reads a folder in batches (`readEntries` gives at most 100 entries a call) until it is empty.
    fn read_dir(&self, reader: FileSystemDirectoryReader) {
        self.begin();
        let walk = self.clone();
        let again = reader.clone();
        let got = Closure::once_into_js(move |entries: JsValue| {
            let entries: Array = entries.unchecked_into();
            if entries.length() > 0 {
                for entry in entries.iter() {
                    walk.entry(entry.unchecked_into());
                }
                walk.read_dir(again);
            }
            walk.done_one();
        });
        let walk = self.clone();
        let failed = Closure::once_into_js(move |_: JsValue| walk.done_one());
        let _ = reader
            .read_entries_with_callback_and_callback(got.unchecked_ref(), failed.unchecked_ref());
    }
}

/// Reads `files` (each at most `limit` bytes; a larger one by its size only) and calls `done` with
/// them, in the order given, once all are read.
#[expect(
    clippy::disallowed_methods,
    reason = "a file's size is a JavaScript number: converted here to bytes, once"
)]
pub fn read_files(files: Vec<File>, limit: usize, done: impl FnOnce(Vec<Received>) + 'static) {
    let count = files.len();
    let results: Rc<RefCell<Vec<Option<Received>>>> =
        Rc::new(RefCell::new((0..count).map(|_| None).collect()));
    let left = Rc::new(RefCell::new(count));
    let done: Rc<Once<Vec<Received>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    let finish = {
        let (results, done) = (results.clone(), done.clone());
        move || {
            let received = results.take().into_iter().flatten().collect();
            if let Some(done) = done.borrow_mut().take() {
                done(received);
            }
        }
    };
    if count == 0 {
        return finish();
    }
    let finish = Rc::new(finish);
    for (index, file) in files.into_iter().enumerate() {
        // A folder's files are named alone, as `explor check` names the files of a folder.
        let name = file.name();
        let size = file.size() as usize;
        let store = {
            let (results, left, finish) = (results.clone(), left.clone(), finish.clone());
            move |content: Option<Chosen>| {
                results.borrow_mut()[index] = Some(Received { name, content });
                let mut left = left.borrow_mut();
                *left -= 1;
                if *left == 0 {
                    drop(left);
                    finish();
                }
            }
        };
        if size > limit {
            store(Some(Chosen::TooLarge(size)));
            continue;
        }
        let Ok(reader) = FileReader::new() else {
            store(None);
            continue;
        };
        let store = Rc::new(RefCell::new(Some(store)));
        let loaded = {
            let (reader, store) = (reader.clone(), store.clone());
            Closure::once_into_js(move |_: Event| {
                let content = reader
                    .result()
                    .ok()
                    .filter(|r| r.is_object())
                    .map(|buffer| Chosen::Bytes(Uint8Array::new(&buffer).to_vec()));
                if let Some(store) = store.borrow_mut().take() {
                    store(content);
                }
            })
        };
        reader.set_onloadend(Some(loaded.unchecked_ref()));
        if reader.read_as_array_buffer(&file).is_err() {
            if let Some(store) = store.borrow_mut().take() {
                store(None);
            }
        }
    }
}
