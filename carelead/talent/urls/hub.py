"""Routes: hub."""

urlpatterns: list = []
