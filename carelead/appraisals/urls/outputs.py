"""Routes for the outputs pages (see the package's __init__)."""

urlpatterns: list = []
