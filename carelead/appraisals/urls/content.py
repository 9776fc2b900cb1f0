"""Routes for the content pages (see the package's __init__)."""

urlpatterns: list = []
