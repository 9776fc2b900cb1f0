"""Talent forms: succession."""
