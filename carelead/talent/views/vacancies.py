"""Talent views: vacancies."""
