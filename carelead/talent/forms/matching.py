"""Talent forms: matching."""
