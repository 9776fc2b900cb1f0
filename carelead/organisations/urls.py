from django.urls import path

from carelead.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<str:ods_code>/", views.detail, name="detail"),
]
