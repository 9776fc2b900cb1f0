"""The matching demo: approach preferences for the regional pools' members (most open to
challenged roles from any region, some only from their own region, some nobody), the staff
persona's own preference, and approaches in every status about the challenged vacancies of
the North East and Yorkshire region (Y63).

Runs last of the talent seeds and reads what the pools and vacancies seeds wrote; with
nothing there it writes only the staff persona's preference. Approaches go only to people
the matching selector would offer the regional talent lead (so the opt-in rule holds in the
demo too). A filled challenged vacancy that the vacancies seed left without a placement gets
one, from an appointed approach, started recently (outcomes not yet due); one that already
has a placement is left alone.

Deterministic (a seeded random generator walking people in person-number order; dates
relative to ``today``). Writes set-based, outside the services, with one summary audit
event. People who already have a preference keep it, and vacancies already approached are
skipped, so a second run without clearing writes nothing new.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from carelead.accounts.models import User
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation
from carelead.organisations.selectors import current_segment
from carelead.talent.models import (
    Approach,
    ApproachPreference,
    PoolMembership,
    Vacancy,
    VacancyPlacement,
)
from carelead.talent.selectors import matching as selectors

SEED = 5707
A = ApproachPreference.Audience
S = Approach.Status
#: (weight, audience, open to challenged organisations).
PREFERENCES = (
    (70, A.ANY_REGION, True),
    (12, A.OWN_REGION, True),
    (12, A.NOBODY, False),
    (6, A.ANY_REGION, False),
)
INTERESTS = [
    "Director of operations in acute care",
    "Deputy chief nurse, ideally in a teaching hospital",
    "Turnaround roles where I can build a team",
    "Executive director roles in community or mental health services",
    "",
]
#: Statuses written for each open challenged vacancy, in order, as far as candidates go.
OPEN_STATUSES = (S.SENT, S.INTERESTED, S.DECLINED, S.WITHDRAWN, S.SENT)
NOTES = {
    S.INTERESTED: "Happy to talk. I am free most Thursday afternoons.",
    S.DECLINED: "Thank you, but the timing is not right for my family this year.",
}
MESSAGE = (
    "We think your experience would make a real difference in this role, and the region's "
    "package is designed to support whoever takes it. Would you like to talk it over?"
)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _preferences(rng, staff_person_id) -> int:
    """Preferences for pool members who have none, and the staff persona."""
    region_orgs = Organisation.objects.filter(region__ods_code=cat.REGION_CODE).values("pk")
    members = (
        PoolMembership.objects.filter(
            status=PoolMembership.Status.MEMBER, organisation__in=region_orgs
        )
        .exclude(person__approach_preference__isnull=False)
        .order_by("person__person_number")
        .values_list("person_id", flat=True)
        .distinct()
    )
    weights = [w for w, *_ in PREFERENCES]
    rows = []
    seen = set()
    for person_id in members:
        if person_id in seen:
            continue
        seen.add(person_id)
        _, audience, challenged = rng.choices(PREFERENCES, weights)[0]
        rows.append(
            {
                "person_id": person_id,
                "audience": audience,
                "challenged_organisations": challenged,
                "willing_to_relocate": rng.random() < 0.4,
                "interests": rng.choice(INTERESTS),
                "version": 1,
            }
        )
    if (
        staff_person_id
        and staff_person_id not in seen
        and not ApproachPreference.objects.filter(person_id=staff_person_id).exists()
    ):
        rows.append(
            {
                "person_id": staff_person_id,
                "audience": A.OWN_REGION,
                "challenged_organisations": False,
                "willing_to_relocate": False,
                "interests": "Ward sister or charge nurse roles in Leeds",
                "version": 1,
            }
        )
    bulk_insert(ApproachPreference, rows)
    return len(rows)


def _approach_row(vacancy, person_id, status, lead, sent: datetime.date) -> dict:
    answered = status in (S.INTERESTED, S.DECLINED)
    return {
        "vacancy_id": vacancy.pk,
        "person_id": person_id,
        "message": MESSAGE,
        "status": status,
        "approached_by_id": lead.pk if lead else None,
        "responded_at": _at(sent + datetime.timedelta(days=3)) if answered else None,
        "response_note": NOTES.get(status, ""),
        "version": 2 if status != S.SENT else 1,
        "created_at": _at(sent),
        "updated_at": _at(sent + datetime.timedelta(days=3)),
    }


def talent_matching_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    counts = {"preferences": 0, "approaches": 0, "placements": 0}
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    if region is None:
        return counts
    lead = User.objects.filter(username="regional_talent_lead").first()
    staff = User.objects.filter(username="staff").first()
    with transaction.atomic():
        counts["preferences"] = _preferences(rng, staff.person_id if staff else None)
        vacancies = Vacancy.objects.filter(
            is_challenged=True, organisation__region=region
        ).select_related("organisation", "stage", "package")
        approached = set(
            Approach.objects.filter(vacancy__in=vacancies).values_list("vacancy_id", flat=True)
        )
        with_placement = set(
            VacancyPlacement.objects.filter(vacancy__in=vacancies).values_list(
                "vacancy_id", flat=True
            )
        )
        approaches = []
        to_place = []
        for vacancy in vacancies.order_by("reference"):
            if vacancy.pk in approached or lead is None:
                continue
            open_ = vacancy.status == Vacancy.Status.OPEN
            if not open_ and (
                vacancy.status != Vacancy.Status.FILLED or vacancy.pk in with_placement
            ):
                continue
            people = list(
                selectors.candidates_q(lead, vacancy)
                .order_by("person_number")
                .values_list("pk", flat=True)[:8]
            )
            if not people:
                continue
            rng.shuffle(people)
            if open_:
                for status, person_id in zip(OPEN_STATUSES, people, strict=False):
                    sent = today - datetime.timedelta(days=rng.randint(5, 40))
                    approaches.append(_approach_row(vacancy, person_id, status, lead, sent))
            else:
                sent = today - datetime.timedelta(days=120)
                approaches.append(_approach_row(vacancy, people[0], S.APPOINTED, lead, sent))
                to_place.append((vacancy, people[0]))
        ids = bulk_insert(Approach, approaches, returning=True)
        approach_of = {
            (r["vacancy_id"], r["person_id"]): pk for r, pk in zip(approaches, ids, strict=True)
        }
        placements = []
        for vacancy, person_id in to_place:
            starts_on = today - datetime.timedelta(days=60)
            segment = current_segment(vacancy.organisation, on_date=starts_on)
            placements.append(
                {
                    "vacancy_id": vacancy.pk,
                    "person_id": person_id,
                    "approach_id": approach_of[(vacancy.pk, person_id)],
                    "employment_id": None,
                    "package_id": vacancy.package_id,
                    "starts_on": starts_on,
                    "segment_at_start": segment.segment if segment else None,
                    "recorded_by_id": lead.pk if lead else None,
                }
            )
        bulk_insert(VacancyPlacement, placements)
        counts["approaches"] = len(approaches)
        counts["placements"] = len(placements)
        audit_record(
            actor=actor,
            action="talent_matching_demo_seeded",
            obj=region,
            after={**counts, "today": today},
            organisation_id=region.pk,
        )
    return counts
