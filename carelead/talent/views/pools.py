"""Talent views: pools."""
