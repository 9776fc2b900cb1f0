from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from carelead.core import selectors
from carelead.core.presenters import AuditEventPresenter, home_sections_for


def home(request):
    return render(
        request,
        "core/home.jinja",
        {"page_title": "Home", "sections": home_sections_for(request.user)},
    )


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.jinja", {"page_title": "Accessibility statement"})


@login_not_required
def privacy(request):
    return render(request, "core/privacy.jinja", {"page_title": "Privacy notice"})


@permission_required("core.view_audit", raise_exception=True)
def audit_list(request):
    events = selectors.audit_events_for(request.user)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.jinja",
        {
            "page_title": "Audit trail",
            "page": page,
            "events": [AuditEventPresenter(e) for e in page.object_list],
        },
    )


@login_not_required
def error_404(request, exception=None):
    return render(request, "errors/404.jinja", {"page_title": "Page not found"}, status=404)


@login_not_required
def error_403(request, exception=None):
    return render(request, "errors/403.jinja", {"page_title": "You do not have access"}, status=403)


@login_not_required
def error_500(request):
    return render(
        request, "errors/500.jinja", {"page_title": "Sorry, there is a problem"}, status=500
    )


@login_not_required
def error_400(request, exception=None):
    return render(request, "errors/400.jinja", {"page_title": "Bad request"}, status=400)
