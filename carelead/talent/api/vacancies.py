"""API: the senior vacancy register."""

urlpatterns: list = []
