"""Routes: calibration sessions, under /talent/calibration/."""

from django.urls import path

from carelead.talent.views import calibration as views

urlpatterns = [
    path("calibration/", views.session_list, name="calibrations"),
    path("calibration/new/", views.session_create, name="calibration_create"),
    path("calibration/<int:pk>/", views.session_detail, name="calibration"),
    path("calibration/<int:pk>/start/", views.session_start, name="calibration_start"),
    path("calibration/<int:pk>/close/", views.session_close, name="calibration_close"),
    path(
        "calibration/<int:session_pk>/placements/<int:pk>/move/",
        views.placement_move,
        name="calibration_move",
    ),
]
