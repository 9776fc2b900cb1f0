"""Talent services: conversations."""
