"""The talent API under /api/v1 (the vacancy register and career pathways, read only)."""

from carelead.talent.api import pathways, vacancies

urlpatterns = [*vacancies.urlpatterns, *pathways.urlpatterns]
