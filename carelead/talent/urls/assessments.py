"""Routes: assessments."""

urlpatterns: list = []
