"""Talent forms: pathways."""
