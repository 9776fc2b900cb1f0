"""Routes: vacancies."""

urlpatterns: list = []
