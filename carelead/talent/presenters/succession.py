"""Talent presenters: succession."""
