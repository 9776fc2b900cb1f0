from django.urls import path
from rest_framework.routers import SimpleRouter

import carelead.learning.api
import carelead.standards.api
import carelead.talent.api
from carelead.api import views

app_name = "api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("people", views.PersonViewSet, basename="person")
router.register("employments", views.EmploymentViewSet, basename="employment")

urlpatterns = [
    path("openapi.json", views.OpenApiDocumentView.as_view(), name="docs"),
    path("docs/", views.docs, name="docs_page"),
    path("health", views.HealthView.as_view(), name="health"),
    *router.urls,
    # Later apps keep their endpoints beside their code; they share the "api" namespace.
    *carelead.standards.api.urlpatterns,
    *carelead.learning.api.urlpatterns,
    *carelead.talent.api.urlpatterns,
]
