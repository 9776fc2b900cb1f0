"""Routes for the overview pages (see the package's __init__)."""

from django.urls import path

from carelead.learning.views import overview

urlpatterns: list = [
    path("overview/", overview.overview, name="overview"),
    path("overview/download/", overview.overview_csv, name="overview_csv"),
]
