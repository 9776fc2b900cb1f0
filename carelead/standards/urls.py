"""Routes for the public standards pages and framework management."""

from django.urls import path

from carelead.standards import views

app_name = "standards"

VERSION = "<slug:slug>/<str:version>/"

urlpatterns = [
    path("", views.framework_list, name="framework_list"),
    path("search/", views.search, name="search"),
    path("import/", views.framework_import, name="import"),
    path("<slug:slug>/compare/", views.version_diff, name="version_diff"),
    path(VERSION, views.version_detail, name="version_detail"),
    path(f"{VERSION}print/", views.version_print, name="version_print"),
    path(f"{VERSION}case.json", views.version_case, name="version_case"),
    path(f"{VERSION}framework.csv", views.version_csv, name="version_csv"),
    path(f"{VERSION}publish/", views.version_publish, name="version_publish"),
    path(f"{VERSION}retire/", views.version_retire, name="version_retire"),
    path(f"{VERSION}<str:code>/", views.competency_detail, name="competency_detail"),
]
