"""Routes: career pathways (public pages, and publishing for the implementation office)."""

from django.urls import path

from carelead.talent.views import pathways as views

urlpatterns = [
    path("pathways/", views.pathway_list, name="pathways"),
    path("pathways/<slug:code>/", views.pathway_detail, name="pathway"),
    path("pathways/<slug:code>/status/", views.pathway_status, name="pathway_status"),
]
