from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def logins(request):
    return render(request, "demo/logins.jinja", {"page_title": "Demo logins"})
