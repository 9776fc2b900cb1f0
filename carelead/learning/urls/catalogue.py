"""Routes for the catalogue pages (see the package's __init__)."""

urlpatterns: list = []
