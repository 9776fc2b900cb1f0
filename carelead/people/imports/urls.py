# Workforce import pages; included from carelead/people/urls.py under /people/imports/.
from django.urls import path

from carelead.people import views

urlpatterns = [
    path("", views.import_list, name="import_list"),
]
