//! TODO(owner): stage `assets` of the pipeline.
