"""Routes for the applications pages (see the package's __init__)."""

urlpatterns: list = []
