"""Routes for the workflow pages (see the package's __init__)."""

urlpatterns: list = []
