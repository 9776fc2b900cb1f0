"""Talent views: matching."""
