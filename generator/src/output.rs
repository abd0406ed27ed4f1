//! TODO(owner): stage `output` of the pipeline.
