"""Talent forms: pools."""
