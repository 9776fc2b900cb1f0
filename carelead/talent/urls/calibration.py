"""Routes: calibration."""

urlpatterns: list = []
