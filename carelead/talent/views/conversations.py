"""Talent views: conversations."""
