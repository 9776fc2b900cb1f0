"""Routes for the records pages (see the package's __init__)."""

from django.urls import path

from carelead.learning.views import records as views

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path("my-learning/declare/", views.declare_learning, name="declare_learning"),
    path("my-credentials/", views.my_credentials, name="my_credentials"),
    path("verify/", views.verify_learning_list, name="verify_learning_list"),
    path("verify/<int:pk>/", views.verify_learning, name="verify_learning"),
    path("team-learning/", views.team_learning, name="team_learning"),
    path(
        "provider/cohorts/<int:pk>/completions/",
        views.provider_completions,
        name="provider_completions",
    ),
    path("provider/completions/upload/", views.completions_upload, name="completions_upload"),
    path("provider/credentials/", views.provider_credentials, name="provider_credentials"),
    path("credentials/<uuid:public_id>/revoke/", views.credential_revoke, name="credential_revoke"),
    path("credentials/<uuid:public_id>/", views.credential_verify, name="credential_verify"),
    path(
        "credentials/<uuid:public_id>/badge.json",
        views.credential_badge,
        name="credential_badge",
    ),
]
