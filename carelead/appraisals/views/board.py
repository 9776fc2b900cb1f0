"""Board pages: the people lead's board members of a board cycle, the submission of a chair's
or NED's appraisal to the region, and the regional team's submission status (and CSV)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carelead.appraisals.forms.board import (
    BoardMemberForm,
    SubmissionFilterForm,
)
from carelead.appraisals.presenters import board as presenters
from carelead.appraisals.selectors import board as selectors
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.services import board as services
from carelead.core.csv import csv_download
from carelead.nhsuk_forms.forms import add_service_errors, error_list

SUBMISSIONS_PAGE_SIZE = 50


@permission_required("appraisals.manage_cycles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def board_members(request, pk):
    cycle = selectors.board_cycle_for_people_lead(request.user, pk)
    members = selectors.board_members(cycle)
    form = BoardMemberForm(
        request.POST or None,
        employment_choices=presenters.employment_choices(members),
        appraiser_choices=presenters.appraiser_choices(members),
    )
    if request.method == "POST" and form.is_valid():
        member = next(m for m in members if str(m.employment.pk) == form.cleaned_data["employment"])
        appraiser = next(
            (
                m.employment.person
                for m in members
                if str(m.employment.person.pk) == form.cleaned_data["appraiser"]
            ),
            None,
        )
        role = form.cleaned_data["board_role"]
        try:
            if member.appraisal is None:
                services.board_appraisal_add(
                    actor=request.user,
                    cycle=cycle,
                    employment=member.employment,
                    board_role=role,
                    appraiser_person=appraiser,
                )
                done = "added to the board as"
            else:
                services.board_role_change(
                    actor=request.user,
                    appraisal=member.appraisal,
                    board_role=role,
                    appraiser_person=appraiser,
                    expected_version=member.appraisal.version,
                )
                done = "is now"
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = dict(form.fields["board_role"].choices)[role].lower()
            messages.success(request, f"{member.employment.person} {done} {label}.")
            return redirect("appraisals:board_members", pk=cycle.pk)
    return render(
        request,
        "appraisals/board/members.jinja",
        {
            "page_title": f"Board members: {cycle.title}",
            "cycle": cycle,
            "members": presenters.member_rows(members),
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
        },
    )


@require_http_methods(["GET", "POST"])
def board_submit(request, pk):
    appraisal = appraisal_for_viewer(request.user, pk)  # Http404 for anyone with no role on it
    if not selectors.may_submit(request.user, appraisal):
        raise PermissionDenied(
            "Only the chair submits a NED's appraisal, the people lead the chair's."
        )
    if request.method == "POST":
        try:
            services.board_submission_submit(actor=request.user, appraisal=appraisal)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, f"{appraisal.person}'s appraisal has been sent to the region."
            )
        return redirect("appraisals:board_submit", pk=appraisal.pk)
    panel = presenters.board_panel(appraisal, viewer=request.user)
    return render(
        request,
        "appraisals/board/submit.jinja",
        {
            "page_title": f"Send {appraisal.person}'s appraisal to the region",
            "appraisal": appraisal,
            "panel": panel,
            "ready": panel is not None and panel["submit_href"] is not None,
        },
    )


def _submissions(request):
    today = timezone.localdate()
    form = SubmissionFilterForm(request.GET)
    chosen = form.filters()
    in_scope = selectors.submissions_in_scope(request.user, today=today)
    shown = selectors.filter_submissions(in_scope, **chosen)
    return today, form, chosen, in_scope, shown


@permission_required("appraisals.view_board_submissions", raise_exception=True)
def board_submissions(request):
    today, form, chosen, in_scope, shown = _submissions(request)
    # The counts follow the role filter only: they say how the whole picture stands.
    counts = selectors.submission_counts(
        selectors.filter_submissions(in_scope, role=chosen.get("role", ""))
    )
    page = Paginator(selectors.submission_rows(shown), SUBMISSIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "appraisals/board/submissions.jinja",
        {
            "page_title": "Board appraisal submissions",
            "form": form,
            "counts": presenters.count_rows(counts),
            "page": page,
            "rows": presenters.submission_rows(page.object_list),
            "csv_url": presenters.csv_url(chosen),
            "today": today,
        },
    )


@permission_required("appraisals.view_board_submissions", raise_exception=True)
def board_submissions_csv(request):
    today, _form, _chosen, _in_scope, shown = _submissions(request)
    rows = presenters.submission_rows(selectors.submission_rows(shown))
    return csv_download(presenters.csv_rows(rows), presenters.csv_filename(today))
