"""Routes for the records pages (see the package's __init__)."""

urlpatterns: list = []
