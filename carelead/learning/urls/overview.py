"""Routes for the overview pages (see the package's __init__)."""

urlpatterns: list = []
