"""The kernel every workflow builds on; public names are re-exported from `jiceng`."""
