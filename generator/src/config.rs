//! TODO(owner): stage `config` of the pipeline.
