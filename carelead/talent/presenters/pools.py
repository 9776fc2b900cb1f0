"""Display values for the pool pages."""

from django.conf import settings
from django.urls import reverse

from carelead.config.jinja2_env import format_date
from carelead.talent.models import PoolMembership, Readiness, ScopeLevel, TalentPool

M = PoolMembership.Status

POOL_COLOURS = {
    TalentPool.Status.DRAFT: "nhsuk-tag--grey",
    TalentPool.Status.OPEN: "nhsuk-tag--green",
    TalentPool.Status.CLOSED: "nhsuk-tag--white",
}
MEMBERSHIP_COLOURS = {
    M.NOMINATED: "nhsuk-tag--blue",
    M.MEMBER: "nhsuk-tag--green",
    M.NOT_ACCEPTED: "nhsuk-tag--red",
    M.WITHDRAWN: "nhsuk-tag--grey",
    M.MOVED_ON: "nhsuk-tag--purple",
}


def pool_tag(pool: TalentPool) -> dict:
    return {"text": pool.get_status_display(), "classes": POOL_COLOURS[pool.status]}


def membership_tag(membership: PoolMembership) -> dict:
    return {
        "text": membership.get_status_display(),
        "classes": MEMBERSHIP_COLOURS[membership.status],
    }


def owner_name(pool: TalentPool) -> str:
    if pool.level == ScopeLevel.NATIONAL:
        return "National"
    return pool.owner.name


def levels(pool: TalentPool) -> str:
    low, high = pool.min_management_level, pool.max_management_level
    if low and high:
        return f"{low} to {high}" if low != high else str(low)
    if low:
        return f"{low} or above"
    if high:
        return f"{high} or below"
    return "Any"


def criteria_text(pool: TalentPool) -> list[str]:
    """The pool's criteria as sentences, for anyone thinking of nominating."""
    lines = [f"Management level: {levels(pool)}"]
    if pool.target_stage_id:
        lines.append(f"Prepares for: {pool.target_stage.name}")
        if pool.requires_prerequisite:
            lines.append("Members need the credential of the stage below")
    if pool.minimum_readiness:
        lines.append(f"Readiness: {Readiness(pool.minimum_readiness).label.lower()} or sooner")
    return lines


def pool_rows(pools) -> list[dict]:
    return [
        {
            "name": pool.name,
            "href": reverse("talent:pool", kwargs={"pk": pool.pk}),
            "owner": owner_name(pool),
            "level": pool.get_level_display(),
            "levels": levels(pool),
            "tag": pool_tag(pool),
            "closes": format_date(pool.nominations_close_on) or "Not set",
            "nominated": pool.nominated_count,
            "members": pool.member_count,
            "can_manage": pool.can_manage,
        }
        for pool in pools
    ]


def pool_summary(pool: TalentPool) -> list[dict]:
    rows = [
        ("Who it is for", owner_name(pool)),
        ("Level", pool.get_level_display()),
        ("Status", pool.get_status_display()),
        ("Management levels", levels(pool)),
        ("Target stage", pool.target_stage.name if pool.target_stage_id else "None"),
        (
            "Prerequisite credential",
            "Required" if pool.requires_prerequisite and pool.target_stage_id else "Not required",
        ),
        (
            "Least ready a member may be",
            Readiness(pool.minimum_readiness).label if pool.minimum_readiness else "Any",
        ),
        ("Nominations close", format_date(pool.nominations_close_on) or "Not set"),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def membership_rows(memberships) -> list[dict]:
    return [
        {
            "pk": m.pk,
            "person": m.person.full_name,
            "organisation": m.organisation.name,
            "job": m.employment.job_title if m.employment_id else "",
            "route": m.get_route_display(),
            "readiness": m.get_readiness_display(),
            "statement": m.statement,
            "tag": membership_tag(m),
            "reason": m.moved_on_to if m.status == M.MOVED_ON else m.decision_reason,
            "nominated_on": format_date(m.created_at.date()),
            "decide_href": reverse("talent:pool_decide", kwargs={"pk": m.pk}),
            "move_on_href": reverse("talent:pool_move_on", kwargs={"pk": m.pk}),
            "withdraw_href": reverse("talent:pool_withdraw", kwargs={"pk": m.pk}),
        }
        for m in memberships
    ]


def programme_href(programme) -> str:
    return reverse("learning:programme_detail", kwargs={"code": programme.code})


def offer_rows(offers, *, editable: bool = False) -> list[dict]:
    rows = []
    for offer in offers:
        rows.append(
            {
                "title": offer.title,
                "description": offer.description,
                "programme": offer.programme.title if offer.programme_id else "",
                "programme_href": programme_href(offer.programme) if offer.programme_id else None,
                "places": offer.places if offer.places else "No limit",
                "active": "Yes" if offer.is_active else "No",
                "edit_href": reverse("talent:pool_offer_edit", kwargs={"pk": offer.pk})
                if editable
                else None,
            }
        )
    return rows


def _decision_text(m: PoolMembership) -> str:
    if m.status == M.MOVED_ON:
        return f"Moved on: {m.moved_on_to}"
    if m.status in (M.MEMBER, M.NOT_ACCEPTED) and m.decision_reason:
        return m.decision_reason
    if m.status == M.WITHDRAWN:
        return m.decision_reason or "Withdrawn"
    return "Waiting for a decision"


def own_membership_rows(memberships) -> list[dict]:
    rows = []
    for m in memberships:
        live = m.status in (M.NOMINATED, M.MEMBER)
        rows.append(
            {
                "pool": m.pool.name,
                "owner": owner_name(m.pool),
                "tag": membership_tag(m),
                "readiness": m.get_readiness_display(),
                "route": m.get_route_display(),
                "nominated_on": format_date(m.created_at.date()),
                "decision": _decision_text(m),
                "offers": offer_rows(m.pool.active_offers) if m.status == M.MEMBER else [],
                "withdraw_href": reverse("talent:pool_withdraw", kwargs={"pk": m.pk})
                if live
                else None,
            }
        )
    return rows


def team_rows(memberships) -> list[dict]:
    return [
        {
            "person": m.person.full_name,
            "pool": m.pool.name,
            "organisation": m.organisation.name,
            "route": m.get_route_display(),
            "tag": membership_tag(m),
            "decision": _decision_text(m),
        }
        for m in memberships
    ]


def open_pool_rows(pools, *, can_nominate_others: bool) -> list[dict]:
    return [
        {
            "name": pool.name,
            "description": pool.description,
            "owner": owner_name(pool),
            "criteria": criteria_text(pool),
            "closes": format_date(pool.nominations_close_on),
            "nominate_href": reverse("talent:pool_nominate", kwargs={"pk": pool.pk}),
            "nominate_report_href": reverse("talent:pool_nominate_report", kwargs={"pk": pool.pk})
            if can_nominate_others
            else None,
        }
        for pool in pools
    ]


def percent(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "Hidden"


def hidden_text() -> str:
    return f"Fewer than {getattr(settings, 'CARELEAD_SUPPRESSION_MINIMUM', 10)}"


def makeup_tables(makeups) -> list[dict]:
    """One table per question: each group's members and eligible counts and shares, and the
    relative likelihood of being a member; hidden (small) numbers say so."""
    tables = []
    for makeup in makeups:
        rows = []
        for g in makeup.groups:
            rows.append(
                {
                    "label": g.label,
                    "members": g.members if g.members is not None else hidden_text(),
                    "member_share": percent(g.member_share),
                    "eligible": g.eligible if g.eligible is not None else hidden_text(),
                    "eligible_share": percent(g.eligible_share),
                    "likelihood": f"{g.likelihood:.2f}" if g.likelihood is not None else "–",
                }
            )
        tables.append({"title": makeup.title, "rows": rows})
    return tables
