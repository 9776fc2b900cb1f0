"""Routes: critical roles, succession plans and the risk map."""

from django.urls import path

from carelead.talent.views import succession as views

urlpatterns = [
    path("succession/", views.role_list, name="succession"),
    path("succession/new/", views.role_create, name="critical_role_create"),
    path("succession/suggest/", views.role_suggest, name="critical_role_suggest"),
    path("succession/roles/<int:pk>/", views.role_detail, name="critical_role"),
    path("succession/roles/<int:pk>/edit/", views.role_edit, name="critical_role_edit"),
    path("succession/roles/<int:pk>/retire/", views.role_retire, name="critical_role_retire"),
    path(
        "succession/roles/<int:pk>/candidates/new/",
        views.candidate_add,
        name="succession_candidate_add",
    ),
    path(
        "succession/candidates/<int:pk>/",
        views.candidate_edit,
        name="succession_candidate_edit",
    ),
    path(
        "succession/candidates/<int:pk>/remove/",
        views.candidate_remove,
        name="succession_candidate_remove",
    ),
    path("succession/risk/", views.risk_map, name="succession_risk"),
    path("succession/risk.csv", views.risk_map_csv, name="succession_risk_csv"),
]
