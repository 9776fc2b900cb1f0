"""Talent selectors: calibration."""
