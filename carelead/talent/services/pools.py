"""Talent services: pools."""
