"""Talent selectors: matching."""
