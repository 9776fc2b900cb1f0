"""Talent forms: assessments."""
