from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from carelead.demo.personas import DEMO_PASSWORD, DEMO_URL, PERSONAS


@login_not_required
def logins(request):
    """Demo-only: the persona logins and their shared password (the app is never installed in
    production, see settings.DEMO_ENABLED)."""
    return render(
        request,
        "demo/logins.jinja",
        {
            "page_title": "Demo logins",
            "personas": PERSONAS,
            "password": DEMO_PASSWORD,
            "demo_url": DEMO_URL,
        },
    )
