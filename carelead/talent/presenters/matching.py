"""Display values for matching pages: packages and segments in plain words, status tags,
table rows and the "who was left out" sentence."""

from django.urls import reverse
from django.utils.formats import date_format

from carelead.core.wording import plural
from carelead.talent.models import Approach, ApproachPreference, IncentivePackage

STATUS_COLOURS = {
    Approach.Status.SENT: "blue",
    Approach.Status.INTERESTED: "green",
    Approach.Status.DECLINED: "grey",
    Approach.Status.WITHDRAWN: "grey",
    Approach.Status.APPOINTED: "purple",
}

SEGMENT_WORDS = {
    1: "Segment 1: consistently high performing",
    2: "Segment 2: good performance",
    3: "Segment 3: some issues",
    4: "Segment 4: significant issues",
    5: "Segment 5: in the Recovery Support Programme",
}


def day(value) -> str:
    return date_format(value, "j F Y") if value else "Not set"


def segment_words(segment: int | None) -> str:
    return SEGMENT_WORDS.get(segment, "Not known") if segment else "Not known"


def _pounds(value: int) -> str:
    return f"£{value:,}"


def package_words(package: IncentivePackage | None) -> list[str]:
    """What the package offers, one plain sentence per part."""
    if package is None:
        return []
    parts = []
    if package.pay_premium_percent:
        text = f"A pay premium of {package.pay_premium_percent.normalize():f}%"
        if package.pay_premium_cap:
            text += f", up to {_pounds(package.pay_premium_cap)} a year"
        if package.pay_premium_months:
            text += f", for {package.pay_premium_months} months"
        parts.append(text)
    if package.relocation_support:
        text = f"Relocation support: {package.relocation_support}"
        if package.relocation_cap:
            text += f" (up to {_pounds(package.relocation_cap)})"
        parts.append(text)
    if package.development_offer:
        parts.append(f"Development: {package.development_offer}")
    if package.mentoring:
        parts.append("A mentor")
    if package.peer_support_network:
        parts.append("A peer support network of leaders in similar roles")
    if package.guaranteed_return:
        parts.append(
            "A guaranteed return route"
            + (f": {package.return_route}" if package.return_route else "")
        )
    return parts


def status_tag(approach: Approach) -> dict:
    return {
        "text": approach.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_COLOURS[approach.status]}",
    }


def preference_summary(preference: ApproachPreference) -> list[dict]:
    yes_no = {True: "Yes", False: "No"}
    return [
        {
            "key": {"text": "Who may approach you"},
            "value": {"text": preference.get_audience_display()},
        },
        {
            "key": {"text": "Open to roles in challenged organisations"},
            "value": {"text": yes_no[preference.challenged_organisations]},
        },
        {
            "key": {"text": "Willing to relocate"},
            "value": {"text": yes_no[preference.willing_to_relocate]},
        },
    ]


def left_out_sentence(result, prerequisite=None) -> str:
    """Who the match left out and why, as counts only. ``prerequisite`` is the stage whose
    credential the vacancy needs."""
    parts = [plural(result.ready_now, "ready-now pool member", "ready-now pool members")]
    if result.without_prerequisite:
        held = (
            f"the {prerequisite.name} credential the role needs"
            if prerequisite
            else "the credential the role needs"
        )
        parts.append(plural(result.without_prerequisite, "does not hold ", "do not hold ") + held)
    if result.not_opted_in:
        parts.append(
            plural(result.not_opted_in, "has", "have")
            + " not opted in to approaches about challenged roles from this region"
        )
    if result.already_approached:
        parts.append(
            plural(result.already_approached, "has", "have")
            + " already been approached about this vacancy"
        )
    if result.already_there:
        parts.append(plural(result.already_there, "already works", "already work") + " there")
    return "; ".join(parts) + "."


def candidate_rows(candidates, vacancy) -> list[dict]:
    return [
        {
            "name": person.full_name,
            "employer": person.employer or "No current job recorded",
            "job_title": person.job_title or "",
            "pools": ", ".join(person.pool_names),
            "relocate": "Yes" if person.willing_to_relocate else "No",
            "approach_href": reverse(
                "talent:approach_create", kwargs={"pk": vacancy.pk, "person_id": person.pk}
            ),
        }
        for person in candidates
    ]


def approach_rows_for_lead(approaches) -> list[dict]:
    return [
        {
            "person": a.person.full_name,
            "vacancy": f"{a.vacancy.title}, {a.vacancy.organisation.name}",
            "vacancy_href": reverse("talent:matching", kwargs={"pk": a.vacancy_id}),
            "sent": day(a.created_at.date()),
            "tag": status_tag(a),
            "note": a.response_note,
            "withdraw_href": reverse("talent:approach_withdraw", kwargs={"pk": a.pk})
            if a.status in (Approach.Status.SENT, Approach.Status.INTERESTED)
            else None,
        }
        for a in approaches
    ]


def approach_cards_for_person(approaches) -> list[dict]:
    rows = []
    for a in approaches:
        v = a.vacancy
        rows.append(
            {
                "pk": a.pk,
                "title": f"{v.title} at {v.organisation.name}",
                "summary": [
                    {"key": {"text": "Organisation"}, "value": {"text": v.organisation.name}},
                    {
                        "key": {"text": "Oversight segment now"},
                        "value": {"text": segment_words(a.segment_now)},
                    },
                    {"key": {"text": "Closing date"}, "value": {"text": day(v.closes_on)}},
                    {"key": {"text": "Sent"}, "value": {"text": day(a.created_at.date())}},
                ],
                "message": a.message,
                "package": package_words(v.package),
                "package_title": v.package.title if v.package else "",
                "tag": status_tag(a),
                "note": a.response_note,
                "can_respond": a.status
                in (Approach.Status.SENT, Approach.Status.INTERESTED, Approach.Status.DECLINED),
                "respond_href": reverse("talent:approach_respond", kwargs={"pk": a.pk}),
            }
        )
    return rows


def _in_post(value) -> str:
    if value is None:
        return "Not yet due"
    return "Yes" if value else "No"


def outcome_rows(outcomes) -> list[dict]:
    return [
        {
            "person": o.placement.person.full_name,
            "vacancy": f"{o.placement.vacancy.title}, {o.placement.vacancy.organisation.name}",
            "starts_on": day(o.placement.starts_on),
            "package": o.placement.package.title if o.placement.package else "None",
            "in_post_12": _in_post(o.in_post_12),
            "in_post_24": _in_post(o.in_post_24),
            "segment_at_start": o.placement.segment_at_start or "Not known",
            "segment_now": o.segment_now or "Not known",
        }
        for o in outcomes
    ]


def vacancy_rows(vacancies) -> list[dict]:
    return [
        {
            "reference": v.reference,
            "title": v.title,
            "organisation": v.organisation.name,
            "closes_on": day(v.closes_on),
            "href": reverse("talent:matching", kwargs={"pk": v.pk}),
            "placement_href": reverse("talent:placement_create", kwargs={"pk": v.pk}),
        }
        for v in vacancies
    ]
