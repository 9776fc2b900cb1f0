"""Talent presenters: assessments."""
