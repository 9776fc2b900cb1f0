"""Talent forms: calibration."""
