"""Routes for the induction pages (see the package's __init__)."""

from django.urls import path

from carelead.learning.views import induction

urlpatterns = [
    path("induction/", induction.my_induction, name="my_induction"),
    path("induction/team/", induction.team_induction, name="team_induction"),
    path(
        "induction/organisation/", induction.organisation_induction, name="organisation_induction"
    ),
]
