"""Routes for the catalogue pages (see the package's __init__)."""

from django.urls import path

from carelead.learning.views import catalogue as views

urlpatterns: list = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme_detail"),
    path("accreditation/", views.accreditation_list, name="accreditation_list"),
    path("accreditation/new/", views.accreditation_create, name="accreditation_create"),
    path(
        "accreditation/<int:pk>/status/",
        views.accreditation_change,
        name="accreditation_change",
    ),
    path("provider/cohorts/", views.provider_cohorts, name="provider_cohorts"),
    path("provider/cohorts/new/", views.cohort_create, name="cohort_create"),
    path(
        "provider/cohorts/<int:pk>/",
        views.provider_cohort_detail,
        name="provider_cohort_detail",
    ),
    path("provider/cohorts/<int:pk>/edit/", views.cohort_edit, name="cohort_edit"),
]
