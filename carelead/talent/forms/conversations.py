"""Talent forms: conversations."""
