"""Routes for the outputs pages (see the package's __init__)."""

from django.urls import path

from carelead.appraisals.views import outputs

urlpatterns = [
    path("<int:pk>/record.pdf", outputs.record_pdf, name="record_pdf"),
]
