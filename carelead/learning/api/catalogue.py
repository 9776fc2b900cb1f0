"""API routes for catalogue (see the package's __init__)."""

urlpatterns: list = []
