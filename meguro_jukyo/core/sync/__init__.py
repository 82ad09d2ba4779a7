"""Sync: clocks, package format, signing, merge engine, conflicts (DESIGN.md §5)."""
