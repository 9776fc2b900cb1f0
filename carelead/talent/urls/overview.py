"""Routes: overview."""

urlpatterns: list = []
