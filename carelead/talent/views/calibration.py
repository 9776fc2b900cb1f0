"""Talent views: calibration."""
