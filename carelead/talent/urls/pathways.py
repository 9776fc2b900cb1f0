"""Routes: pathways."""

urlpatterns: list = []
