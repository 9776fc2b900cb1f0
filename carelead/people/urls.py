from django.urls import include, path

from carelead.people import views

app_name = "people"

urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("me/equality/", views.my_equality, name="my_equality"),
    path("team/", views.my_team, name="my_team"),
    path("", views.people_list, name="people_list"),
    path("new-starter/", views.new_starter, name="new_starter"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("imports/", include("carelead.people.imports.urls")),
]
