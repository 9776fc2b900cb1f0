"""Routes for the public standards pages and framework management."""

app_name = "standards"

urlpatterns: list = []
