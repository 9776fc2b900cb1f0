"""Talent selectors: pools."""
