"""API routes for frameworks (CASE JSON) under /api/v1."""

urlpatterns: list = []
