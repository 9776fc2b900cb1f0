"""Routes: the "Career and talent" page."""

from django.urls import path

from carelead.talent.views import hub

urlpatterns = [path("", hub.hub, name="hub")]
