"""Talent forms, one module per area."""
