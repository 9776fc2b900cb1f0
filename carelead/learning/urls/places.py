"""Routes for the programme places pages (see the package's __init__)."""

from django.urls import path

from carelead.learning.views import places

urlpatterns = [
    path("places/organisation/", places.organisation_places, name="organisation_places"),
    path(
        "places/organisation/csv/",
        places.organisation_places_csv,
        name="organisation_places_csv",
    ),
]
