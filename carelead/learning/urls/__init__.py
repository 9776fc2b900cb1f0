"""The learning app's routes, one module per area so each stays readable."""

from carelead.learning.urls import (
    applications,
    catalogue,
    induction,
    overview,
    places,
    records,
)

app_name = "learning"

urlpatterns = [
    *catalogue.urlpatterns,
    *induction.urlpatterns,
    *applications.urlpatterns,
    *records.urlpatterns,
    *overview.urlpatterns,
    *places.urlpatterns,
]
