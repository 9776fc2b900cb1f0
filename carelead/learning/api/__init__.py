"""The learning API under /api/v1 (programmes and cohorts to read, completions to write)."""

from carelead.learning.api import catalogue, completions

urlpatterns = [*catalogue.urlpatterns, *completions.urlpatterns]
