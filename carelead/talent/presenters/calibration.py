"""Talent presenters: calibration."""
