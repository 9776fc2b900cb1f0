"""API routes for completions (see the package's __init__)."""

urlpatterns: list = []
