"""The "Career and talent" page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from carelead.talent.presenters.hub import hub_sections_for


@login_required
def hub(request):
    return render(request, "talent/hub.jinja", {"sections": hub_sections_for(request.user)})
