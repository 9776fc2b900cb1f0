"""Talent selectors: assessments."""
