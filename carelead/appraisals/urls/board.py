"""Routes for the board pages (see the package's __init__)."""

urlpatterns: list = []
