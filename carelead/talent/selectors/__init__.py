"""Talent selectors, one module per area."""
