"""The talent demo: each area's seed in order (pathways, career conversations, assessments,
calibration, pools, succession, vacancies, matching), and the clearing that lets the people
seed remove demo people.

Each area's seed lives in ``demo/talent_<area>.py`` and may read what the ones before it
wrote. Like the other demo seeds they write set-based, outside the services, with one
summary audit event each.
"""

from django.db import transaction
from django.db.models import Q

from carelead.demo import catalogue as cat
from carelead.demo.talent_assessments import talent_assessments_demo_seed
from carelead.demo.talent_calibration import talent_calibration_demo_seed
from carelead.demo.talent_conversations import talent_conversations_demo_seed
from carelead.demo.talent_matching import talent_matching_demo_seed
from carelead.demo.talent_pathways import talent_pathways_demo_seed
from carelead.demo.talent_pools import talent_pools_demo_seed
from carelead.demo.talent_succession import talent_succession_demo_seed
from carelead.demo.talent_vacancies import talent_vacancies_demo_seed
from carelead.organisations.models import Organisation
from carelead.talent.models import (
    Approach,
    ApproachPreference,
    AspirationalPlanItem,
    CalibrationPlacement,
    CalibrationSession,
    CareerConversation,
    CriticalRole,
    DevelopmentOffer,
    IncentivePackage,
    MembershipTransition,
    PoolMembership,
    PotentialEvidence,
    SuccessionCandidate,
    TalentAssessment,
    TalentPool,
    Vacancy,
    VacancyPlacement,
)
from carelead.talent.services.reference import talent_reference_load


def _demo_person(prefix: str = "") -> Q:
    return Q(**{f"{prefix}person_number__regex": cat.PERSON_NUMBER_REGEX})


def talent_demo_clear() -> None:
    """Remove the talent rows of the demo region and demo people (pathways are reference data
    and stay). The people seed calls this before it removes demo people, whom these rows
    protect."""
    orgs = Organisation.objects.filter(
        Q(ods_code=cat.REGION_CODE) | Q(region__ods_code=cat.REGION_CODE)
    ).values("id")
    person = _demo_person("person__")
    with transaction.atomic():
        vacancies = Vacancy.objects.filter(organisation__in=orgs)
        VacancyPlacement.objects.filter(Q(vacancy__in=vacancies) | person).delete()
        Approach.objects.filter(Q(vacancy__in=vacancies) | person).delete()
        vacancies.delete()
        IncentivePackage.objects.filter(region__in=orgs, vacancies__isnull=True).delete()
        ApproachPreference.objects.filter(person).delete()

        roles = CriticalRole.objects.filter(organisation__in=orgs)
        SuccessionCandidate.all_objects.filter(Q(role__in=roles) | person).delete()
        roles.delete()

        pools = TalentPool.objects.filter(owner__in=orgs)
        memberships = PoolMembership.objects.filter(Q(pool__in=pools) | person)
        MembershipTransition.objects.filter(membership__in=memberships).delete()
        memberships.delete()
        DevelopmentOffer.objects.filter(pool__in=pools).delete()
        pools.delete()
        # National pools have no owner: the demo's are those left with no members.
        national = TalentPool.objects.filter(owner__isnull=True, memberships__isnull=True)
        DevelopmentOffer.objects.filter(pool__in=national).delete()
        national.delete()

        sessions = CalibrationSession.objects.filter(organisation__in=orgs)
        assessments = TalentAssessment.objects.filter(Q(organisation__in=orgs) | person)
        CalibrationPlacement.objects.filter(
            Q(session__in=sessions) | Q(assessment__in=assessments)
        ).delete()
        sessions.delete()
        PotentialEvidence.objects.filter(assessment__in=assessments).delete()
        assessments.delete()

        conversations = CareerConversation.objects.filter(
            Q(organisation__in=orgs) | person | _demo_person("held_with__")
        )
        AspirationalPlanItem.all_objects.filter(conversation__in=conversations).delete()
        conversations.delete()


def talent_demo_seed(*, actor=None) -> dict[str, dict]:
    """Load the talent reference data, then run each area's seed in order; returns each
    area's counts."""
    talent_reference_load(actor=actor)
    return {
        "pathways": talent_pathways_demo_seed(actor=actor),
        "conversations": talent_conversations_demo_seed(actor=actor),
        "assessments": talent_assessments_demo_seed(actor=actor),
        "calibration": talent_calibration_demo_seed(actor=actor),
        "pools": talent_pools_demo_seed(actor=actor),
        "succession": talent_succession_demo_seed(actor=actor),
        "vacancies": talent_vacancies_demo_seed(actor=actor),
        "matching": talent_matching_demo_seed(actor=actor),
    }
