"""Routes for the insight pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import insight

urlpatterns: list = [
    path("dashboard/", insight.dashboard, name="dashboard"),
    path("rollup/", insight.rollup, name="rollup"),
    path("heatmap/", insight.heatmap, name="heatmap"),
    path("demand/", insight.demand, name="demand"),
    path("export.csv", insight.export_csv, name="export_csv"),
]
