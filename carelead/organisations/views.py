"""The organisation directory and organisation pages, open to every signed-in user (see
selectors.py for why)."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from carelead.nhsuk_forms.forms import error_list
from carelead.organisations import presenters, selectors
from carelead.organisations.forms import DirectoryForm

PAGE_SIZE = 50


@permission_required("organisations.view_directory", raise_exception=True)
def directory(request):
    form = DirectoryForm(request.GET)
    form.is_valid()
    filters = form.filters()
    include_closed = filters.pop("include_closed")
    organisations = selectors.organisation_directory(
        **filters, on_date=None if include_closed else timezone.localdate()
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/directory.jinja",
        {
            "page_title": "Organisations",
            "form": form,
            "form_errors": error_list(form),
            "page": page,
            "head": presenters.DIRECTORY_HEAD,
            "rows": presenters.directory_rows(page.object_list),
        },
    )


@permission_required("organisations.view_directory", raise_exception=True)
def detail(request, ods_code):
    organisation = selectors.organisation_get(ods_code=ods_code)
    return render(
        request,
        "organisations/detail.jinja",
        {
            "page_title": organisation.name,
            "organisation": organisation,
            "view": presenters.OrganisationPage(organisation),
        },
    )
