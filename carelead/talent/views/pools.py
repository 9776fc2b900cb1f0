"""Talent pool pages: the leads' pool list, pool page, decisions, offers and make-up; the open
pools anyone may be nominated to; "My talent pools" with the nominations from a team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.nhsuk_forms.forms import add_service_errors, error_list
from carelead.talent.forms.pools import (
    DecisionForm,
    MoveOnForm,
    NominateForm,
    NominateReportForm,
    OfferForm,
    PoolForm,
    WithdrawForm,
)
from carelead.talent.models import PoolMembership
from carelead.talent.presenters import pools as presenters
from carelead.talent.selectors import pools as selectors
from carelead.talent.services import pools as services

# --- the leads' pages -------------------------------------------------------------------------


@permission_required("talent.manage_pools", raise_exception=True)
def pool_list(request):
    pools = selectors.pools_for_manager(request.user)
    return render(
        request,
        "talent/pools/pool_list.jinja",
        {
            "page_title": "Talent pools",
            "rows": presenters.pool_rows(pools),
            "can_create": bool(selectors.owner_choices(request.user)),
        },
    )


@permission_required("talent.manage_pools", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_create(request):
    owners = selectors.owner_choices(request.user)
    if not owners:
        raise PermissionDenied("You do not run pools for any region.")
    form = PoolForm(
        request.POST or None,
        owners=owners,
        stages=selectors.target_stages(),
        initial={"status": "draft", "requires_prerequisite": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            pool = services.pool_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{pool.name} has been created.")
            return redirect("talent:pool", pk=pool.pk)
    return render(
        request,
        "talent/pools/pool_form.jinja",
        {"page_title": "Create a talent pool", "form": form, "form_errors": error_list(form)},
    )


@permission_required("talent.manage_pools", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_edit(request, pk):
    pool = selectors.pool_for_manager(request.user, pk)
    form = PoolForm(
        request.POST or None,
        owners=[],
        stages=selectors.target_stages(),
        editing=True,
        initial=PoolForm.initial_for(pool),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pool_update(
                actor=request.user,
                pool=pool,
                expected_version=form.cleaned_data.get("version"),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{pool.name} has been updated.")
            return redirect("talent:pool", pk=pool.pk)
    return render(
        request,
        "talent/pools/pool_form.jinja",
        {
            "page_title": f"Edit {pool.name}",
            "pool": pool,
            "form": form,
            "form_errors": error_list(form),
        },
    )


@permission_required("talent.manage_pools", raise_exception=True)
def pool_detail(request, pk):
    pool = selectors.pool_for_viewer(request.user, pk)
    groups = selectors.pool_memberships(pool)
    return render(
        request,
        "talent/pools/pool_detail.jinja",
        {
            "page_title": pool.name,
            "pool": pool,
            "summary": presenters.pool_summary(pool),
            "nominated": presenters.membership_rows(groups["nominated"]),
            "members": presenters.membership_rows(groups["members"]),
            "past": presenters.membership_rows(groups["past"]),
            "offers": presenters.offer_rows(selectors.pool_offers(pool), editable=pool.can_manage),
        },
    )


@permission_required("talent.manage_pools", raise_exception=True)
def pool_makeup(request, pk):
    pool = selectors.pool_for_viewer(request.user, pk)
    return render(
        request,
        "talent/pools/pool_makeup.jinja",
        {
            "page_title": f"Make-up of {pool.name}",
            "pool": pool,
            "tables": presenters.makeup_tables(selectors.pool_makeup(pool)),
            "hidden": presenters.hidden_text().lower(),
        },
    )


def _membership_page(request, membership, form, template, title, extra=None):
    return render(
        request,
        f"talent/pools/{template}",
        {
            "page_title": title,
            "membership": membership,
            "row": presenters.membership_rows([membership])[0],
            "form": form,
            "form_errors": error_list(form),
            **(extra or {}),
        },
    )


@permission_required("talent.manage_pools", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_decide(request, pk):
    membership = selectors.membership_for_manager(request.user, pk)
    if membership.status != PoolMembership.Status.NOMINATED:
        messages.info(request, f"{membership.person} is already decided on.")
        return redirect("talent:pool", pk=membership.pool_id)
    form = DecisionForm(request.POST or None, initial={"version": membership.version})
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == DecisionForm.ACCEPT
        try:
            services.membership_decide(
                actor=request.user,
                membership=membership,
                accept=accept,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            word = "is now a member of" if accept else "has not been accepted into"
            messages.success(request, f"{membership.person} {word} {membership.pool.name}.")
            return redirect("talent:pool", pk=membership.pool_id)
    return _membership_page(
        request,
        membership,
        form,
        "decide.jinja",
        f"Decide on {membership.person}'s nomination",
        {
            "criteria": selectors.criteria_for(
                membership.pool,
                membership.person,
                readiness=membership.readiness,
                self_nomination=False,
            )
        },
    )


@permission_required("talent.manage_pools", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_move_on(request, pk):
    membership = selectors.membership_for_manager(request.user, pk)
    form = MoveOnForm(request.POST or None, initial={"version": membership.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_move_on(
                actor=request.user,
                membership=membership,
                moved_on_to=form.cleaned_data["moved_on_to"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{membership.person} has moved on from the pool.")
            return redirect("talent:pool", pk=membership.pool_id)
    return _membership_page(
        request, membership, form, "move_on.jinja", f"Record that {membership.person} moved on"
    )


@login_required
@require_http_methods(["GET", "POST"])
def pool_withdraw(request, pk):
    membership = selectors.membership_for_withdrawal(request.user, pk)
    own = membership.is_own
    form = WithdrawForm(request.POST or None, own=own, initial={"version": membership.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_withdraw(
                actor=request.user,
                membership=membership,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if own:
                messages.success(request, f"You have withdrawn from {membership.pool.name}.")
                return redirect("talent:pools_mine")
            messages.success(request, f"{membership.person} has been withdrawn.")
            return redirect("talent:pool", pk=membership.pool_id)
    title = (
        f"Withdraw from {membership.pool.name}"
        if own
        else f"Withdraw {membership.person} from {membership.pool.name}"
    )
    return _membership_page(request, membership, form, "withdraw.jinja", title, {"own": own})


@permission_required("talent.manage_pools", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_offer_create(request, pk):
    pool = selectors.pool_for_manager(request.user, pk)
    return _offer_page(request, pool, None)


@permission_required("talent.manage_pools", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_offer_edit(request, pk):
    offer = selectors.offer_for_manager(request.user, pk)
    return _offer_page(request, offer.pool, offer)


def _offer_page(request, pool, offer):
    initial = {"is_active": True}
    if offer is not None:
        initial = {
            "title": offer.title,
            "description": offer.description,
            "programme": str(offer.programme_id or ""),
            "places": offer.places,
            "is_active": offer.is_active,
        }
    form = OfferForm(
        request.POST or None, programmes=selectors.programmes_for_offers(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if offer is None:
                offer = services.offer_create(
                    actor=request.user, pool=pool, **form.service_kwargs()
                )
            else:
                offer = services.offer_update(
                    actor=request.user, offer=offer, **form.service_kwargs()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{offer.title} is saved.")
            return redirect("talent:pool", pk=pool.pk)
    return render(
        request,
        "talent/pools/offer_form.jinja",
        {
            "page_title": f"Edit {offer.title}" if offer else f"Add an offer to {pool.name}",
            "pool": pool,
            "form": form,
            "form_errors": error_list(form),
        },
    )


# --- individuals, managers and people leads ---------------------------------------------------


def _nominates_others(user) -> bool:
    return bool(selectors.current_reports(user)) or scoping.has_role(user, Role.PEOPLE_LEAD)


@permission_required("talent.view_own", raise_exception=True)
def pools_open(request):
    pools = selectors.open_pools_for(request.user)
    return render(
        request,
        "talent/pools/pools_open.jinja",
        {
            "page_title": "Talent pools you can join",
            "rows": presenters.open_pool_rows(
                pools, can_nominate_others=_nominates_others(request.user)
            ),
        },
    )


@permission_required("talent.view_own", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_nominate(request, pk):
    pool = selectors.open_pool_for_nominator(request.user, pk)
    person = request.user.person
    form = NominateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_nominate(
                actor=request.user, pool=pool, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"You have nominated yourself for {pool.name}. Its talent leads will decide.",
            )
            return redirect("talent:pools_mine")
    return render(
        request,
        "talent/pools/nominate.jinja",
        {
            "page_title": f"Nominate yourself for {pool.name}",
            "pool": pool,
            "criteria": selectors.criteria_for(pool, person, self_nomination=True),
            "form": form,
            "form_errors": error_list(form),
            "self_nomination": True,
        },
    )


@permission_required("talent.view_own", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pool_nominate_report(request, pk):
    reports = selectors.current_reports(request.user)
    people_lead = scoping.has_role(request.user, Role.PEOPLE_LEAD)
    if not reports and not people_lead:
        raise PermissionDenied("Only line managers and people leads nominate others.")
    pool = selectors.open_pool_for_nominator(request.user, pk)
    form = NominateReportForm(
        request.POST or None,
        reports=reports,
        people_lead=people_lead,
        find_person=lambda number: selectors.person_for_people_lead(request.user, number),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("statement", "readiness")}
        try:
            services.membership_nominate(actor=request.user, pool=pool, person=form.person, **data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError("You can only nominate people in your team")
            add_service_errors(form, error)
        else:
            messages.success(request, f"You have nominated {form.person} for {pool.name}.")
            return redirect("talent:pools_mine")
    return render(
        request,
        "talent/pools/nominate.jinja",
        {
            "page_title": f"Nominate someone for {pool.name}",
            "pool": pool,
            "criteria_lines": presenters.criteria_text(pool),
            "form": form,
            "form_errors": error_list(form),
            "self_nomination": False,
        },
    )


@permission_required("talent.view_own", raise_exception=True)
def pools_mine(request):
    return render(
        request,
        "talent/pools/pools_mine.jinja",
        {
            "page_title": "My talent pools",
            "rows": presenters.own_membership_rows(selectors.own_memberships(request.user)),
            "team": presenters.team_rows(selectors.team_memberships(request.user)),
            "nominates_others": _nominates_others(request.user),
        },
    )
