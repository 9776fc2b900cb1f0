"""Talent services: calibration."""
