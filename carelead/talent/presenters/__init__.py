"""Talent presenters, one module per area."""
