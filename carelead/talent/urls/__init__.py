"""The talent app's routes, one module per area so each stays readable."""

from carelead.talent.urls import (
    assessments,
    calibration,
    conversations,
    hub,
    matching,
    overview,
    pathways,
    pools,
    succession,
    vacancies,
)

app_name = "talent"

urlpatterns = [
    *hub.urlpatterns,
    *overview.urlpatterns,
    *conversations.urlpatterns,
    *assessments.urlpatterns,
    *calibration.urlpatterns,
    *pools.urlpatterns,
    *succession.urlpatterns,
    *vacancies.urlpatterns,
    *matching.urlpatterns,
    *pathways.urlpatterns,
]
