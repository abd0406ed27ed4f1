//! TODO(owner): stage `content` of the pipeline.
