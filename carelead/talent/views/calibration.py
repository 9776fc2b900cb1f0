"""Calibration session pages: the list, planning a session, the session page (grid,
placements and live fairness figures), starting, moving a placement and closing."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.core.wording import plural
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.talent.forms.calibration import (
    MoveForm,
    SessionForm,
    VersionForm,
)
from carelead.talent.models import CalibrationSession
from carelead.talent.presenters import calibration as presenters
from carelead.talent.selectors import calibration as selectors
from carelead.talent.services import calibration as services

PLACEMENTS_PAGE_SIZE = 100
#: Above this many people the grid shows counts only; a cell filter lists the names.
GRID_NAMES_LIMIT = 40


@require_http_methods(["GET"])
def session_list(request):
    """For people leads and regional talent leads, and for anyone who facilitates a session:
    a facilitator need hold neither role. Sign-in is required by middleware."""
    can_create = request.user.has_perm("talent.calibrate")
    sessions = selectors.sessions_for_user(request.user)
    if not can_create and not sessions.exists():
        raise PermissionDenied
    return render(
        request,
        "talent/calibration/session_list.jinja",
        {
            "page_title": "Calibration sessions",
            "rows": presenters.session_rows(sessions),
            "can_create": can_create and bool(selectors.creatable_choices(request.user)),
        },
    )


@permission_required("talent.calibrate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def session_create(request):
    choices = selectors.creatable_choices(request.user)
    grids = selectors.talent_grids()
    form = SessionForm(request.POST or None, choices=choices, grids=grids)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.calibration_session_create(
                actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{session.title} is planned. Start it to add the people to calibrate."
            )
            return redirect("talent:calibration", pk=session.pk)
    return render(
        request,
        "talent/calibration/session_create.jinja",
        {
            "page_title": "Plan a calibration session",
            "form": form,
            "form_errors": error_list(form),
            "choices": choices,
            "grids": grids,
        },
    )


@require_http_methods(["GET"])
def session_detail(request, pk):
    session = selectors.session_for_user(request.user, pk)
    can_run = selectors.can_run(request.user, session)
    cell = selectors.parse_cell(request.GET.get("cell"))
    page = Paginator(
        selectors.session_placements(session, cell=cell), PLACEMENTS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    started = session.status != CalibrationSession.Status.PLANNED
    fairness = selectors.session_fairness(session) if started else None
    grid = presenters.grid_rows(
        session,
        selectors.cell_counts(session),
        selectors.cell_names(session, limit=GRID_NAMES_LIMIT),
        cell,
    )
    in_progress = session.status == CalibrationSession.Status.IN_PROGRESS
    return render(
        request,
        "talent/calibration/session_detail.jinja",
        {
            "page_title": session.title,
            "session": session,
            "summary": presenters.session_summary(session),
            "tag": presenters.status_tag(session),
            "grid": grid,
            "cell": cell,
            "cell_where": next(
                (c["where"] for r in grid["rows"] for c in r["cells"] if c["selected"]), None
            ),
            "page": page,
            "placements": presenters.placement_rows(
                session, page.object_list, can_move=can_run and in_progress
            ),
            "fairness": presenters.fairness_tables(fairness) if fairness else None,
            "alerts": presenters.alert_messages(fairness) if fairness else [],
            "fairness_facts": fairness,
            "can_start": can_run and session.status == CalibrationSession.Status.PLANNED,
            "can_close": can_run and in_progress,
            "started": started,
        },
    )


def _button_errors(form, anchor: str) -> list[dict] | None:
    """A form that is only a button: its errors link to the button."""
    errors = [*form.non_field_errors(), *form.errors.get("version", [])]
    return [{"text": e, "href": f"#{anchor}"} for e in errors] or None


def _runner_session(request, pk) -> CalibrationSession:
    session = selectors.session_for_user(request.user, pk)
    if not selectors.can_run(request.user, session):
        raise Http404("No such calibration session.")
    return session


@require_http_methods(["GET", "POST"])
def session_start(request, pk):
    session = _runner_session(request, pk)
    form = VersionForm(request.POST or None, initial={"version": session.version})
    waiting = selectors.assessments_to_place(session).count()
    if request.method == "POST" and form.is_valid():
        try:
            added = services.calibration_session_start(
                actor=request.user, session=session, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            people = "1 person" if added == 1 else f"{added} people"
            messages.success(request, f"{session.title} has started with {people} to calibrate.")
            return redirect("talent:calibration", pk=session.pk)
    return render(
        request,
        "talent/calibration/session_start.jinja",
        {
            "page_title": f"Start {session.title}",
            "session": session,
            "form": form,
            "form_errors": _button_errors(form, "start"),
            "waiting": waiting,
            "is_planned": session.status == CalibrationSession.Status.PLANNED,
        },
    )


@require_http_methods(["GET", "POST"])
def placement_move(request, session_pk, pk):
    placement = selectors.placement_for_runner(request.user, session_pk, pk)
    session = placement.session
    form = MoveForm(request.POST or None, placement=placement)
    in_progress = session.status == CalibrationSession.Status.IN_PROGRESS
    if request.method == "POST" and in_progress and form.is_valid():
        try:
            services.calibration_placement_move(
                actor=request.user, placement=placement, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{placement.assessment.person} has been moved.")
            return redirect("talent:calibration", pk=session.pk)
    return render(
        request,
        "talent/calibration/placement_move.jinja",
        {
            "page_title": f"Move {placement.assessment.person}",
            "session": session,
            "placement": placement,
            "proposed": presenters.placement_rows(session, [placement], can_move=False)[0],
            "form": form,
            "form_errors": error_list(form),
            "in_progress": in_progress,
        },
    )


@require_http_methods(["GET", "POST"])
def session_close(request, pk):
    session = _runner_session(request, pk)
    form = VersionForm(request.POST or None, initial={"version": session.version})
    in_progress = session.status == CalibrationSession.Status.IN_PROGRESS
    if request.method == "POST" and form.is_valid():
        try:
            calibrated = services.calibration_session_close(
                actor=request.user, session=session, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{session.title} is closed. {plural(calibrated, 'assessment')} calibrated.",
            )
            return redirect("talent:calibration", pk=session.pk)
    summary = selectors.move_summary(session)
    return render(
        request,
        "talent/calibration/session_close.jinja",
        {
            "page_title": f"Close {session.title}",
            "session": session,
            "form": form,
            "form_errors": _button_errors(form, "close"),
            "in_progress": in_progress,
            "total": summary["total"],
            "moved": summary["moved"],
        },
    )
