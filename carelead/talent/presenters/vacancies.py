"""Talent presenters: vacancies."""
