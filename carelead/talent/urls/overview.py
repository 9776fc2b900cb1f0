"""Routes: the regional overview."""

from django.urls import path

from carelead.talent.views import overview as views

urlpatterns = [
    path("overview/", views.overview, name="overview"),
]
