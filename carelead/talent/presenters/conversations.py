"""Talent presenters: conversations."""
