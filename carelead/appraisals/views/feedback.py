"""Pages for 360 feedback: the appraisee (or appraiser) asks for feedback and manages the
raters; raters answer through their one-time link (no sign-in) or, if they are in carelead,
from their own list; the appraisee and appraiser read the anonymous report once feedback
has closed, on screen or as a PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from carelead.appraisals.forms.feedback import InviteForm, OpenRequestForm, ResponseForm
from carelead.appraisals.models import FeedbackInvitation
from carelead.appraisals.presenters.feedback import Report, format_date, progress_rows
from carelead.appraisals.selectors import feedback as selectors
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.services import feedback as services
from carelead.appraisals.workflow import APPRAISEE, APPRAISER
from carelead.core.pdf import render_pdf
from carelead.nhsuk_forms.forms import add_service_errors, error_list

MANAGERS = {APPRAISEE, APPRAISER}
TEMPLATES = "appraisals/feedback/"


@permission_required("appraisals.view_own", raise_exception=True)
@require_http_methods(["GET", "POST"])
def feedback_manage(request, pk):
    """Ask for feedback, invite and withdraw raters, remind, close."""
    appraisal = appraisal_for_viewer(request.user, pk, roles=MANAGERS)
    feedback_request = selectors.request_for(appraisal)
    action = request.POST.get("action") if request.method == "POST" else None
    open_form = OpenRequestForm(request.POST if action == "open" else None)
    invite_form = InviteForm(request.POST if action == "invite" else None)
    problem = None
    try:
        if action == "open" and feedback_request is None and open_form.is_valid():
            services.feedback_request_open(
                actor=request.user,
                appraisal=appraisal,
                closes_on=open_form.cleaned_data["closes_on"],
            )
            messages.success(request, "Feedback is open. Now invite your raters.")
            return redirect("appraisals:feedback", pk=appraisal.pk)
        if action == "invite" and feedback_request is not None and invite_form.is_valid():
            invitation = services.feedback_invitation_create(
                actor=request.user, request=feedback_request, **invite_form.cleaned_data
            )
            messages.success(request, f"Invitation sent to {invitation.name}.")
            return redirect("appraisals:feedback", pk=appraisal.pk)
        if action == "withdraw" and feedback_request is not None:
            invitation = get_object_or_404(
                FeedbackInvitation, pk=request.POST.get("invitation"), request=feedback_request
            )
            services.feedback_invitation_withdraw(actor=request.user, invitation=invitation)
            messages.success(request, f"Invitation to {invitation.name} withdrawn.")
            return redirect("appraisals:feedback", pk=appraisal.pk)
        if action == "remind" and feedback_request is not None:
            sent = services.feedback_invitations_remind(
                actor=request.user, request=feedback_request
            )
            messages.success(
                request,
                f"Reminders sent: {sent}. Raters are reminded at most once a day, and only "
                "those who have not answered.",
            )
            return redirect("appraisals:feedback", pk=appraisal.pk)
        if action == "close" and feedback_request is not None:
            services.feedback_request_close(actor=request.user, request=feedback_request)
            messages.success(request, "Feedback closed. The report is ready.")
            return redirect("appraisals:feedback_report", pk=appraisal.pk)
    except ValidationError as error:
        form = open_form if action == "open" else invite_form
        if action in ("open", "invite"):
            add_service_errors(form, error)
        else:
            problem = " ".join(error.messages)
    bound = open_form if action == "open" else invite_form
    context = {
        "page_title": f"360 feedback for {appraisal.person.full_name}",
        "appraisal": appraisal,
        "feedback_request": feedback_request,
        "open_form": open_form,
        "invite_form": invite_form,
        "problem": problem,
        "form_errors": error_list(bound) if bound.is_bound else [],
        "is_live": selectors.is_live(appraisal),
    }
    if feedback_request is not None:
        context.update(
            {
                "closed": selectors.is_closed(feedback_request),
                "closes_on": format_date(feedback_request.closes_on),
                "invitations": selectors.active_invitations(feedback_request),
                "progress_rows": progress_rows(selectors.group_progress(feedback_request)),
            }
        )
    return render(request, TEMPLATES + "manage.jinja", context)


def _problem(request, title: str, text: str, status: int):
    return render(
        request,
        TEMPLATES + "link_problem.jinja",
        {"page_title": title, "text": text},
        status=status,
    )


def _respond(request, invitation: FeedbackInvitation):
    """The questionnaire for one invitation, by link or from the rater's own list. A spent,
    withdrawn or closed invitation answers 410 Gone with a page saying why."""
    appraisal = invitation.request.appraisal
    name = appraisal.person.full_name
    if invitation.status == FeedbackInvitation.Status.RESPONDED:
        return _problem(
            request,
            "You have already given your feedback",
            f"Thank you: your feedback for {name} has been received. Each link works once.",
            410,
        )
    if invitation.status != FeedbackInvitation.Status.INVITED:
        return _problem(
            request,
            "This invitation is no longer open",
            f"The invitation to give feedback for {name} has been withdrawn or replaced. If you "
            "were sent a newer email, use the link in that one.",
            410,
        )
    if selectors.is_closed(invitation.request):
        return _problem(
            request,
            "Feedback has closed",
            f"Feedback for {name} closed on {format_date(invitation.request.closes_on)}.",
            410,
        )
    questionnaire = selectors.questionnaire(appraisal)
    form = ResponseForm(
        request.POST if request.method == "POST" else None, questionnaire=questionnaire
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_response_submit(
                invitation=invitation,
                ratings=form.ratings(),
                strengths=form.cleaned_data["strengths"],
                development=form.cleaned_data["development"],
                actor=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(
                request,
                TEMPLATES + "thanks.jinja",
                {"page_title": "Thank you for your feedback", "name": name},
            )
    return render(
        request,
        TEMPLATES + "respond.jinja",
        {
            "page_title": f"Feedback for {name}",
            "appraisee": name,
            "organisation": appraisal.organisation.name,
            "stage": appraisal.stage.name,
            "relationship": invitation.get_relationship_display().lower(),
            "closes_on": format_date(invitation.request.closes_on),
            "form": form,
            "form_errors": error_list(form) if form.is_bound else [],
        },
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def feedback_respond(request, token):
    invitation = selectors.invitation_by_token_hash(services.token_hash(token))
    if invitation is None:
        return _problem(
            request,
            "This link does not work",
            "Check you copied the whole link from the email. If you were sent a reminder, "
            "use the link in the newest email: each reminder replaces the link before it.",
            404,
        )
    return _respond(request, invitation)


@permission_required("appraisals.view_own", raise_exception=True)
@never_cache
@require_http_methods(["GET", "POST"])
def feedback_respond_internal(request, pk):
    return _respond(request, selectors.own_invitation(request.user, pk))


@permission_required("appraisals.view_own", raise_exception=True)
def feedback_requests(request):
    invitations = selectors.pending_invitations_for(request.user)
    return render(
        request,
        TEMPLATES + "requests.jinja",
        {
            "page_title": "Feedback you have been asked for",
            "rows": [
                {
                    "pk": i.pk,
                    "name": i.request.appraisal.person.full_name,
                    "organisation": i.request.appraisal.organisation.name,
                    "relationship": i.get_relationship_display(),
                    "closes_on": format_date(i.request.closes_on),
                }
                for i in invitations
            ],
        },
    )


def _report(user, pk):
    appraisal = appraisal_for_viewer(user, pk, roles=MANAGERS)
    feedback_request = selectors.request_for(appraisal)
    if not selectors.report_available(feedback_request):
        return appraisal, feedback_request, None
    questionnaire = selectors.questionnaire(appraisal)
    summary = selectors.feedback_summary(
        feedback_request, [q.item.pk for q in questionnaire.questions]
    )
    return (
        appraisal,
        feedback_request,
        Report(summary, questionnaire, selectors.self_ratings(appraisal)),
    )


@permission_required("appraisals.view_own", raise_exception=True)
def feedback_report(request, pk):
    appraisal, feedback_request, report = _report(request.user, pk)
    return render(
        request,
        TEMPLATES + "report.jinja",
        {
            "page_title": f"360 feedback report for {appraisal.person.full_name}",
            "appraisal": appraisal,
            "feedback_request": feedback_request,
            "closes_on": format_date(feedback_request.closes_on) if feedback_request else "",
            "report": report,
        },
    )


@permission_required("appraisals.view_own", raise_exception=True)
def feedback_report_pdf(request, pk):
    appraisal, feedback_request, report = _report(request.user, pk)
    if report is None:
        raise Http404("The report opens once feedback has closed.")
    title = f"360 feedback report for {appraisal.person.full_name}"
    pdf = render_pdf(
        TEMPLATES + "report_pdf.jinja",
        {"pdf_title": title, "appraisal": appraisal, "report": report},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="feedback-report-{appraisal.pk}.pdf"'
    return response
