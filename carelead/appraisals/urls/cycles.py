"""Routes for the cycles pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import cycles

urlpatterns = [
    path("cycles/", cycles.cycle_list, name="cycle_list"),
    path("cycles/new/", cycles.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/open/", cycles.cycle_open, name="cycle_open"),
    path("exceptions/<int:pk>/", cycles.exception_resolve, name="exception_resolve"),
    path("<int:pk>/appraiser/", cycles.delegate, name="delegate"),
    path("priorities/", cycles.priority_list, name="priority_list"),
]
