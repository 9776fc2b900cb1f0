"""Routes for the cycles pages (see the package's __init__)."""

urlpatterns: list = []
