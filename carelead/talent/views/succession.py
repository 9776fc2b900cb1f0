"""Talent views: succession."""
