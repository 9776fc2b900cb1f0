"""Pages for completions, declared learning and credentials. Views are thin: scope comes
from selectors (404 outside it), writes from services, display values from presenters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.learning.forms.records import (
    CompletionsUploadForm,
    DeclareLearningForm,
    RecordCompletionForm,
    RevokeCredentialForm,
    VerifyLearningForm,
)
from carelead.learning.models import Completion
from carelead.learning.presenters.records import (
    CompletionPresenter,
    CredentialPresenter,
    EnrolmentPresenter,
    RosterRow,
    open_badge,
)
from carelead.learning.selectors import records as selectors
from carelead.learning.services import records as services
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.people.selectors import own_person

PAGE_SIZE = 50


def _form_page(request, template, context, form):
    context["form"] = form
    context["form_errors"] = error_list(form) if form.is_bound else []
    return render(request, template, context)


@permission_required("learning.view_own_learning", raise_exception=True)
def my_learning(request):
    record = selectors.learning_record(own_person(request.user))
    completions = [CompletionPresenter(c) for c in record.completions]
    return render(
        request,
        "learning/records/my_learning.jinja",
        {
            "page_title": "My learning",
            "enrolments": [EnrolmentPresenter(e) for e in record.enrolments],
            "completed": [c for c in completions if not c.is_declared],
            "declared": [c for c in completions if c.is_declared],
            "credential_count": len(record.credentials),
        },
    )


@permission_required("learning.view_own_learning", raise_exception=True)
@require_http_methods(["GET", "POST"])
def declare_learning(request):
    person = own_person(request.user)
    form = DeclareLearningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_declare(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Your learning has been added. Your line manager will be asked to verify it.",
            )
            return redirect("learning:my_learning")
    return _form_page(
        request,
        "learning/records/declare.jinja",
        {"page_title": "Add learning you have done"},
        form,
    )


@permission_required("learning.view_own_learning", raise_exception=True)
def my_credentials(request):
    record = selectors.learning_record(own_person(request.user))
    return render(
        request,
        "learning/records/my_credentials.jinja",
        {
            "page_title": "My credentials",
            "credentials": [CredentialPresenter(c) for c in record.credentials],
        },
    )


@permission_required("learning.verify_learning", raise_exception=True)
def verify_learning_list(request):
    waiting = selectors.learning_awaiting_verification(request.user)
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/records/verify_list.jinja",
        {
            "page_title": "Learning to verify",
            "page": page,
            "rows": [(c, CompletionPresenter(c)) for c in page.object_list],
        },
    )


@permission_required("learning.verify_learning", raise_exception=True)
@require_http_methods(["GET", "POST"])
def verify_learning(request, pk: int):
    completion = selectors.completion_for_verifier(request.user, pk)
    form = VerifyLearningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_verify(
                actor=request.user,
                completion=completion,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            verified = form.cleaned_data["decision"] == Completion.Status.VERIFIED
            messages.success(
                request,
                f"{completion.person.full_name}'s learning has been "
                f"{'verified' if verified else 'marked as not verified'}.",
            )
            return redirect("learning:verify_learning_list")
    return _form_page(
        request,
        "learning/records/verify.jinja",
        {
            "page_title": "Verify learning",
            "completion": completion,
            "declared": CompletionPresenter(completion),
        },
        form,
    )


@permission_required("learning.view_team_learning", raise_exception=True)
def team_learning(request):
    members = selectors.team_learning(request.user)
    return render(
        request,
        "learning/records/team_learning.jinja",
        {
            "page_title": "My team's learning",
            "members": [
                {
                    "name": m.person.full_name,
                    "completions": [CompletionPresenter(c) for c in m.completions],
                    "credentials": [CredentialPresenter(c) for c in m.credentials],
                }
                for m in members
            ],
        },
    )


@permission_required("learning.manage_provision", raise_exception=True)
@require_http_methods(["GET", "POST"])
def provider_completions(request, pk: int):
    cohort = selectors.cohort_for_provider(request.user, pk)
    rows = [RosterRow(e) for e in selectors.cohort_roster(cohort)]
    form = RecordCompletionForm(request.POST or None, roster_rows=rows)
    if request.method == "POST" and form.is_valid():
        enrolment = next(
            r.enrolment for r in rows if str(r.enrolment.pk) == form.cleaned_data["enrolment"]
        )
        try:
            services.completion_record(
                actor=request.user,
                provider=cohort.provider,
                person=enrolment.person,
                programme=cohort.programme,
                completed_on=form.cleaned_data["completed_on"],
                source=Completion.Source.PROVIDER_PAGE,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{enrolment.person.full_name}'s completion has been recorded."
            )
            return redirect("learning:provider_completions", pk=cohort.pk)
    return _form_page(
        request,
        "learning/records/provider_completions.jinja",
        {"page_title": f"Completions: {cohort.code}", "cohort": cohort, "rows": rows},
        form,
    )


@permission_required("learning.manage_provision", raise_exception=True)
@require_http_methods(["GET", "POST"])
def completions_upload(request):
    providers = list(selectors.provider_organisations(request.user))
    if not providers:
        raise Http404("This login is not a training provider's")
    form = CompletionsUploadForm(request.POST or None, request.FILES or None, providers=providers)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.completions_upload(
            actor=request.user,
            provider=form.provider(),
            content=form.cleaned_data["completions"].read(),
        )
        if result.ok:
            messages.success(
                request,
                f"{result.created} completions recorded, {result.unchanged} already recorded, "
                f"{result.credentials_issued} credentials issued.",
            )
            return redirect("learning:completions_upload")
    return _form_page(
        request,
        "learning/records/completions_upload.jinja",
        {
            "page_title": "Upload completions",
            "columns": services.UPLOAD_COLUMNS,
            "result": result,
        },
        form,
    )


@permission_required("learning.manage_provision", raise_exception=True)
def provider_credentials(request):
    credentials = selectors.credentials_issued_by(request.user)
    page = Paginator(credentials, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/records/provider_credentials.jinja",
        {
            "page_title": "Credentials issued",
            "page": page,
            "credentials": [CredentialPresenter(c) for c in page.object_list],
        },
    )


@require_http_methods(["GET", "POST"])
def credential_revoke(request, public_id):
    # No page-level perm: who may revoke is decided per credential (404 for anyone else).
    credential = selectors.credential_for_revoker(request.user, public_id)
    presenter = CredentialPresenter(credential)
    form = RevokeCredentialForm(request.POST or None)
    if request.method == "POST" and presenter.is_revoked:
        form.is_valid()
        form.add_error(None, "This credential is already revoked.")
    elif request.method == "POST" and form.is_valid():
        try:
            services.credential_revoke(
                actor=request.user, credential=credential, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{presenter.holder}'s credential has been revoked.")
            return redirect(presenter.verify_href)
    return _form_page(
        request,
        "learning/records/revoke.jinja",
        {"page_title": "Revoke a credential", "credential": presenter},
        form,
    )


@login_not_required
def credential_verify(request, public_id):
    credential = selectors.credential_public(public_id)
    return render(
        request,
        "learning/records/verify_credential.jinja",
        {"page_title": "Check a credential", "credential": CredentialPresenter(credential)},
    )


@login_not_required
def credential_badge(request, public_id):
    credential = selectors.credential_public(public_id)
    document = open_badge(
        credential,
        build_uri=request.build_absolute_uri,
        items=selectors.alignment_items(credential),
    )
    return JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"indent": 2}
    )
