"""Talent views: assessments."""
