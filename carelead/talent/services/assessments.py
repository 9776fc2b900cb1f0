"""Talent services: assessments."""
