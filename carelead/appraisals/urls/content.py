"""Routes for the content pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import content as views

urlpatterns: list = [
    path("<int:pk>/behaviours/", views.behaviours, name="behaviours"),
    path("<int:pk>/objectives/", views.objectives, name="objectives"),
    path("<int:pk>/objectives/add/", views.objective_add, name="objective_add"),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("<int:pk>/development/", views.development, name="development"),
    path("<int:pk>/development/add/", views.development_add, name="development_add"),
    path("<int:pk>/evidence/", views.evidence, name="evidence"),
    path("my-evidence/", views.my_evidence, name="my_evidence"),
]
