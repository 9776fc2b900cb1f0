"""The people lead's programme places page for one of their organisations, and its staff
list as CSV."""

import csv

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from carelead.learning.forms.induction import InductionOrganisationForm
from carelead.learning.presenters import places as presenters
from carelead.learning.selectors import places as selectors

STAFF_PAGE_SIZE = 50


@permission_required("learning.view_organisation_learning", raise_exception=True)
def organisation_places(request):
    today = timezone.localdate()
    organisations = selectors.places_organisations(request.user)
    organisation = selectors.places_organisation(organisations, request.GET.get("organisation"))
    context = {
        "page_title": "Programme places in your organisation",
        "organisation": organisation,
        "form": None,
    }
    if organisation is not None:
        if len(organisations) > 1:
            context["form"] = InductionOrganisationForm(
                {"organisation": organisation.ods_code}, organisations=organisations
            )
        page = Paginator(
            selectors.staff_on_programmes(organisation, today=today), STAFF_PAGE_SIZE
        ).get_page(request.GET.get("page"))
        context.update(
            page_title=f"Programme places at {organisation.name}",
            programmes=presenters.programme_rows(
                selectors.programme_counts(organisation, today=today)
            ),
            applications=presenters.application_rows(
                selectors.application_counts(organisation, today=today)
            ),
            credentials=presenters.credential_rows(
                selectors.credential_counts(organisation, today=today)
            ),
            page=page,
            staff=presenters.staff_rows(page.object_list),
            csv_url=presenters.csv_url(organisation),
        )
    return render(request, "learning/places/organisation_places.jinja", context)


@permission_required("learning.view_organisation_learning", raise_exception=True)
def organisation_places_csv(request):
    today = timezone.localdate()
    organisations = selectors.places_organisations(request.user)
    organisation = selectors.places_organisation(organisations, request.GET.get("organisation"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    if organisation is None:
        # Not a people lead anywhere (a superuser): an empty list rather than an error.
        csv.writer(response).writerow(presenters.CSV_HEAD)
        filename = f"programme-places-{today.isoformat()}.csv"
    else:
        rows = presenters.staff_rows(selectors.staff_on_programmes(organisation, today=today))
        csv.writer(response).writerows(presenters.csv_rows(rows))
        filename = presenters.csv_filename(organisation, today)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
