from django.urls import path

from carelead.demo import views

app_name = "demo"

urlpatterns = [
    path("logins/", views.logins, name="logins"),
]
