"""Routes for the workflow pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import workflow as views

urlpatterns = [
    path("", views.my_appraisals, name="my_appraisals"),
    path("appraising/", views.appraising, name="appraising"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/transition/", views.transition, name="transition"),
    path("<int:pk>/reflection/", views.reflection, name="reflection"),
    path("<int:pk>/wellbeing/", views.wellbeing, name="wellbeing"),
    path("<int:pk>/aspiration/", views.aspiration, name="aspiration"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("previous/<int:pk>/", views.previous, name="previous"),
]
