"""Talent services: vacancies."""
