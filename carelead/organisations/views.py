from django.shortcuts import get_object_or_404, render

from carelead.organisations.models import Organisation


def directory(request):
    return render(request, "organisations/directory.jinja", {"page_title": "Organisations"})


def detail(request, ods_code):
    organisation = get_object_or_404(Organisation, ods_code=ods_code)
    return render(
        request,
        "organisations/detail.jinja",
        {"page_title": organisation.name, "organisation": organisation},
    )
