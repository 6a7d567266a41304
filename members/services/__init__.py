"""Writes of the members app, one module per entity (see STYLE.md)."""
