"""Routes for the induction pages (see the package's __init__)."""

urlpatterns: list = []
