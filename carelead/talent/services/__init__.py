"""Talent services, one module per area."""
