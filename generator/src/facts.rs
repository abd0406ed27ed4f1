//! TODO(owner): stage `facts` of the pipeline.
