"""Routes: succession."""

urlpatterns: list = []
