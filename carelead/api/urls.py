from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

app_name = "api"

urlpatterns = [
    path("openapi.json", login_not_required(SpectacularAPIView.as_view()), name="docs"),
]
