"""Talent presenters: pools."""
