"""Talent selectors: vacancies."""
