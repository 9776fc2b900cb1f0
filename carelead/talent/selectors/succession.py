"""Talent selectors: succession."""
