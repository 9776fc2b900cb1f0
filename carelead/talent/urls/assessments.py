"""Routes: talent assessments (performance and potential, proposed for calibration)."""

from django.urls import path

from carelead.talent.views import assessments as views

urlpatterns = [
    path("assessments/team/", views.team, name="assessments_team"),
    path("assessments/organisation/", views.organisation, name="assessments_organisation"),
    path(
        "assessments/organisation/download/",
        views.organisation_csv,
        name="assessments_organisation_csv",
    ),
    path("assessments/mine/", views.mine, name="assessment_mine"),
    path(
        "assessments/people/<int:person_id>/assess/",
        views.assessment_create,
        name="assessment_create",
    ),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/withdraw/", views.assessment_withdraw, name="assessment_withdraw"),
]
