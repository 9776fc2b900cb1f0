"""Talent views: pathways."""
