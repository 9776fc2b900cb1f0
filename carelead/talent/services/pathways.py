"""Talent services: pathways."""
