"""Talent services: matching."""
