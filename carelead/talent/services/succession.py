"""Talent services: succession."""
