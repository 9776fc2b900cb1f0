"""Talent selectors: pathways."""
