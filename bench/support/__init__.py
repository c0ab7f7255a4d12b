"""What the benchmark scripts share (imported as `support` when a script runs from bench/)."""
