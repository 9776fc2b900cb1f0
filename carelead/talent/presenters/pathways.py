"""Talent presenters: pathways."""
