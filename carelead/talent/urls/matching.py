"""Routes: matching (preferences, approaches, matches and placements)."""

from django.urls import path

from carelead.talent.views import matching

urlpatterns = [
    path("preferences/", matching.preferences, name="preferences"),
    path("approaches/", matching.approaches, name="approaches"),
    path("approaches/mine/", matching.approaches_mine, name="approaches_mine"),
    path("approaches/<int:pk>/reply/", matching.approach_respond, name="approach_respond"),
    path("approaches/<int:pk>/withdraw/", matching.approach_withdraw, name="approach_withdraw"),
    path("matching/", matching.matching_vacancies, name="matching_vacancies"),
    path("matching/<int:pk>/", matching.matching, name="matching"),
    path(
        "matching/<int:pk>/approach/<int:person_id>/",
        matching.approach_create,
        name="approach_create",
    ),
    path("placements/", matching.placements, name="placements"),
    path("placements/new/<int:pk>/", matching.placement_create, name="placement_create"),
]
