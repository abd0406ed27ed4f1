//! TODO(owner): stage `render` of the pipeline.
