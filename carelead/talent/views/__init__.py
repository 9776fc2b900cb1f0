"""Talent views, one module per area."""
