"""Routes: pools."""

urlpatterns: list = []
