"""Matching pages: the individual's "who may approach me" and "approaches to you"; the
regional talent lead's challenged vacancies, matches, approaches and placements."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from carelead.learning.selectors.records import prerequisite_stage
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.people.models import Person
from carelead.talent.forms import matching as forms
from carelead.talent.presenters import matching as presenters
from carelead.talent.selectors import matching as selectors
from carelead.talent.services import matching as services


def _posted(request):
    # An empty POST is still a submission: it must show what is missing, not a blank form.
    return request.POST if request.method == "POST" else None


def _require_person(request) -> None:
    # A superuser passes every permission check but may have no person to be approached.
    if not getattr(request.user, "person_id", None):
        raise Http404("You have no person record.")


# --- The individual --------------------------------------------------------------------------


@permission_required("talent.view_own", raise_exception=True)
@require_http_methods(["GET", "POST"])
def preferences(request):
    _require_person(request)
    preference = selectors.preference_of(request.user.person_id)
    form = forms.PreferenceForm(
        _posted(request), initial=forms.PreferenceForm.initial_for(preference)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.approach_preference_save(
                actor=request.user, person=request.user.person, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your approach preferences have been saved.")
            return redirect("talent:preferences")
    return render(
        request,
        "talent/matching/preferences.jinja",
        {
            "page_title": "Who may approach you about roles",
            "form": form,
            "form_errors": error_list(form),
            "is_saved": preference.pk is not None,
        },
    )


@permission_required("talent.view_own", raise_exception=True)
def approaches_mine(request):
    _require_person(request)
    approaches = selectors.with_segments(selectors.approaches_to(request.user))
    return render(
        request,
        "talent/matching/approaches_mine.jinja",
        {
            "page_title": "Approaches to you",
            "cards": presenters.approach_cards_for_person(approaches),
            "preference": selectors.preference_of(request.user.person_id),
        },
    )


@permission_required("talent.view_own", raise_exception=True)
@require_http_methods(["GET", "POST"])
def approach_respond(request, pk):
    approach = selectors.approach_for_person(request.user, pk)
    card = presenters.approach_cards_for_person(selectors.with_segments([approach]))[0]
    initial = {"version": approach.version}
    if approach.status in (approach.Status.INTERESTED, approach.Status.DECLINED):
        initial |= {"response": approach.status, "note": approach.response_note}
    form = forms.RespondForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.approach_respond(
                actor=request.user,
                approach=approach,
                response=data["response"],
                note=data["note"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reply has been sent to the talent team.")
            return redirect("talent:approaches_mine")
    return render(
        request,
        "talent/matching/approach_respond.jinja",
        {
            "page_title": f"Reply about {approach.vacancy.title}",
            "card": card,
            "can_respond": card["can_respond"],
            "form": form,
            "form_errors": error_list(form),
        },
    )


# --- The regional talent lead ----------------------------------------------------------------


@permission_required("talent.match", raise_exception=True)
def matching_vacancies(request):
    vacancies = selectors.open_challenged_vacancies(request.user)
    return render(
        request,
        "talent/matching/matching_vacancies.jinja",
        {
            "page_title": "Match people to challenged vacancies",
            "rows": presenters.vacancy_rows(vacancies),
        },
    )


@permission_required("talent.match", raise_exception=True)
def matching(request, pk):
    vacancy = selectors.vacancy_for_lead(request.user, pk)
    result = selectors.match(request.user, vacancy)
    is_open = vacancy.is_challenged and vacancy.status == vacancy.Status.OPEN
    return render(
        request,
        "talent/matching/matching.jinja",
        {
            "page_title": f"Matches for {vacancy.title}",
            "vacancy": vacancy,
            "is_open": is_open,
            "rows": presenters.candidate_rows(result.candidates, vacancy),
            "left_out": presenters.left_out_sentence(
                result, prerequisite_stage(vacancy.stage) if vacancy.stage else None
            )
            if is_open
            else "",
            "package": presenters.package_words(vacancy.package),
        },
    )


@permission_required("talent.match", raise_exception=True)
@require_http_methods(["GET", "POST"])
def approach_create(request, pk, person_id):
    vacancy = selectors.vacancy_for_lead(request.user, pk)
    # Only a current candidate can be approached; anyone else (not opted in for this region,
    # not ready now, approached already) answers 404, so a forged id learns nothing.
    if not selectors.is_candidate(request.user, vacancy, person_id):
        raise Http404("No such candidate.")
    person = get_object_or_404(Person, pk=person_id)
    form = forms.ApproachForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.approach_create(
                actor=request.user,
                vacancy=vacancy,
                person=person,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            raise Http404("No such candidate.") from error
        else:
            messages.success(request, f"{person.full_name} has been sent your approach.")
            return redirect("talent:matching", pk=vacancy.pk)
    return render(
        request,
        "talent/matching/approach_create.jinja",
        {
            "page_title": f"Approach {person.full_name}",
            "vacancy": vacancy,
            "person": person,
            "package": presenters.package_words(vacancy.package),
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required("talent.match", raise_exception=True)
def approaches(request):
    return render(
        request,
        "talent/matching/approaches.jinja",
        {
            "page_title": "Approaches",
            "rows": presenters.approach_rows_for_lead(
                selectors.approaches_for_lead(request.user).order_by("-created_at", "-pk")
            ),
        },
    )


@permission_required("talent.match", raise_exception=True)
@require_http_methods(["GET", "POST"])
def approach_withdraw(request, pk):
    approach = selectors.approach_for_lead(request.user, pk)
    form = forms.WithdrawForm(_posted(request), initial={"version": approach.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.approach_withdraw(
                actor=request.user, approach=approach, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The approach to {approach.person.full_name} is withdrawn.")
            return redirect("talent:approaches")
    return render(
        request,
        "talent/matching/approach_withdraw.jinja",
        {
            "page_title": f"Withdraw the approach to {approach.person.full_name}",
            "approach": approach,
            "tag": presenters.status_tag(approach),
            "form": form,
            "form_errors": [{"text": e, "href": "#withdraw"} for e in form.non_field_errors()]
            or None,
        },
    )


@permission_required("talent.match", raise_exception=True)
@require_http_methods(["GET", "POST"])
def placement_create(request, pk):
    vacancy = selectors.vacancy_for_lead(request.user, pk)
    interested = list(selectors.interested_approaches(vacancy))
    form = forms.PlacementForm(
        _posted(request),
        vacancy=vacancy,
        approaches=interested,
        initial={"version": vacancy.version},
    )
    is_open = vacancy.is_challenged and vacancy.status == vacancy.Status.OPEN
    if request.method == "POST" and is_open and form.is_valid():
        try:
            placement = services.placement_create(
                actor=request.user, vacancy=vacancy, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{placement.person.full_name} is recorded in {vacancy.title}."
            )
            return redirect("talent:placements")
    return render(
        request,
        "talent/matching/placement_create.jinja",
        {
            "page_title": f"Record who filled {vacancy.title}",
            "vacancy": vacancy,
            "is_open": is_open,
            "package": presenters.package_words(vacancy.package),
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required("talent.match", raise_exception=True)
def placements(request):
    rows = presenters.outcome_rows(selectors.outcomes(selectors.placements_for_lead(request.user)))
    return render(
        request,
        "talent/matching/placements.jinja",
        {"page_title": "Placements and outcomes", "rows": rows},
    )
