"""Routes for the applications pages (see the package's __init__)."""

from django.urls import path

from carelead.learning.views import applications as views

urlpatterns: list = [
    path("mid-career/apply/", views.mid_career_apply, name="mid_career_apply"),
    path("mid-career/applications/", views.my_applications, name="my_applications"),
    path(
        "mid-career/applications/<int:pk>/",
        views.application_detail,
        name="application_detail",
    ),
    path("mid-career/team/", views.team_applications, name="team_applications"),
    path("mid-career/panel/", views.panel_applications, name="panel_applications"),
]
