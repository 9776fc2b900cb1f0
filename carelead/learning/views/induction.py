"""The national induction pages: my induction, my team's, my organisation's."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from carelead.learning.forms.induction import InductionOrganisationForm
from carelead.learning.presenters import induction as presenters
from carelead.learning.selectors import induction as selectors
from carelead.learning.selectors.accreditation import enrolment_block_reason

OVERDUE_PAGE_SIZE = 50


@permission_required("learning.view_own_learning", raise_exception=True)
def my_induction(request):
    today = timezone.localdate()
    enrolment = selectors.own_induction(request.user)
    induction = None
    if enrolment is not None:
        induction = presenters.MyInductionPresenter(
            enrolment, selectors.induction_modules(enrolment), today
        )
    return render(
        request,
        "learning/induction/my_induction.jinja",
        {"page_title": "My induction", "induction": induction},
    )


@permission_required("learning.view_team_learning", raise_exception=True)
def team_induction(request):
    today = timezone.localdate()
    rows = presenters.team_rows(selectors.team_induction(request.user), today)
    return render(
        request,
        "learning/induction/team_induction.jinja",
        {
            "page_title": "My team's induction",
            "rows": rows,
            "overdue": sum(1 for r in rows if r.sort_key[0] == 0),
        },
    )


@permission_required("learning.view_organisation_learning", raise_exception=True)
def organisation_induction(request):
    today = timezone.localdate()
    organisations = selectors.induction_organisations(request.user)
    organisation = selectors.induction_organisation(organisations, request.GET.get("organisation"))
    context = {
        "page_title": "Induction in your organisation",
        "organisation": organisation,
        "form": None,
    }
    if organisation is not None:
        if len(organisations) > 1:
            context["form"] = InductionOrganisationForm(
                {"organisation": organisation.ods_code}, organisations=organisations
            )
        programme = selectors.open_induction()
        if programme is None:
            paused = "No national induction is open, so new starters are not being enrolled."
        else:
            paused = enrolment_block_reason(programme, on=today)
        page = Paginator(
            selectors.induction_overdue(organisation, today=today), OVERDUE_PAGE_SIZE
        ).get_page(request.GET.get("page"))
        context.update(
            page_title=f"Induction at {organisation.name}",
            programme=programme,
            paused=paused,
            counts=presenters.count_rows(selectors.induction_counts(organisation, today=today)),
            page=page,
            rows=presenters.overdue_rows(page.object_list, today),
        )
    return render(request, "learning/induction/organisation_induction.jinja", context)
