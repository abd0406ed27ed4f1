//! TODO(owner): stage `markdown` of the pipeline.
