"""API: pathways."""

urlpatterns: list = []
