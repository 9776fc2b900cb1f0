"""Routes for the insight pages (see the package's __init__)."""

urlpatterns: list = []
