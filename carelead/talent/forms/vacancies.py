"""Talent forms: vacancies."""
