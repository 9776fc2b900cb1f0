"""Talent selectors: conversations."""
