//! TODO(owner): stage `links` of the pipeline.
