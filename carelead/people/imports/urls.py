# Workforce import pages; included from carelead/people/urls.py under /people/imports/.
from django.urls import path

from carelead.people.imports import views

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
]
