"""Routes for the feedback pages (see the package's __init__)."""

urlpatterns: list = []
