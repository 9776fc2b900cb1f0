"""Talent presenters: matching."""
