"""Board cycles and boards for the board area's tests."""

import datetime

from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory
from carelead.appraisals.models import Appraisal, AppraisalTransition
from carelead.appraisals.services.board import board_appraisal_add
from carelead.appraisals.tests.factories import BoardTemplateFactory, CycleFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.models import Framework, StageMapping
from carelead.standards.tests.factories import (
    FrameworkFactory,
    FrameworkVersionFactory,
    StageFactory,
)


def board_version():
    """The 2024 board framework: one stage, ``board``, that every board member maps to."""
    framework = FrameworkFactory(
        slug="board-lcf-2024",
        title="NHS leadership competency framework for board members",
        kind=Framework.Kind.BOARD,
    )
    version = FrameworkVersionFactory(framework=framework, version="2024")
    stage = StageFactory(version=version, code="board", name="Board", rank=0)
    StageMapping.objects.get_or_create(version=version, stage=stage, is_board=True)
    return version


def board_cycle(organisation, *, version=None, opens_on=datetime.date(2026, 4, 1), **kwargs):
    """An open board member appraisal cycle at ``organisation`` on the board framework (or
    ``version``)."""
    version = version or board_version()
    template = BoardTemplateFactory(framework=version.framework)
    return CycleFactory(
        organisation=organisation,
        template=template,
        framework_version=version,
        title=f"Board appraisals {opens_on.year}/{(opens_on.year + 1) % 100:02d}",
        opens_on=opens_on,
        closes_on=opens_on.replace(year=opens_on.year + 1) - datetime.timedelta(days=1),
        **kwargs,
    )


def board_employment(organisation, given_name: str, family_name: str, job_title: str, **kwargs):
    """A current management level 5 employment at ``organisation``."""
    return EmploymentFactory(
        organisation=organisation,
        person=kwargs.pop("person", None)
        or PersonFactory(given_name=given_name, family_name=family_name),
        job_title=job_title,
        management_level=5,
        start_date=datetime.date(2020, 1, 1),
        **kwargs,
    )


def board(cycle, people_lead, *, chair_employment=None, sid_employment=None, neds=1):
    """A chair (appraised by a senior independent director, who is a NED) and ``neds`` more
    NEDs, added through the service. Returns (chair, sid, [neds]) appraisals."""
    organisation = cycle.organisation
    chair_employment = chair_employment or board_employment(organisation, "Chloe", "Chair", "Chair")
    sid_employment = sid_employment or board_employment(
        organisation, "Sid", "Senior", "Senior independent director"
    )
    chair = board_appraisal_add(
        actor=people_lead,
        cycle=cycle,
        employment=chair_employment,
        board_role=Appraisal.BoardRole.CHAIR,
        appraiser_person=sid_employment.person,
    )
    sid = board_appraisal_add(
        actor=people_lead,
        cycle=cycle,
        employment=sid_employment,
        board_role=Appraisal.BoardRole.NED,
    )
    others = [
        board_appraisal_add(
            actor=people_lead,
            cycle=cycle,
            employment=board_employment(organisation, f"Ned{n}", "Director", "Non-executive"),
            board_role=Appraisal.BoardRole.NED,
        )
        for n in range(neds - 1)
    ]
    return chair, sid, others


def make_people_lead(user, *organisations):
    """Make ``user`` a people lead of ``organisations`` too, so one user can build boards at
    several organisations."""
    for organisation in organisations:
        RoleAssignmentFactory(
            user=user,
            role=Role.PEOPLE_LEAD,
            scope_level=ScopeLevel.ORGANISATION,
            organisation=organisation,
        )
    scoping.clear_cache(user)
    return user


def complete(appraisal, *, on=None):
    """Mark an appraisal completed, as the workflow would after both signatures (the workflow
    area owns the real transitions; these tests need only the end state)."""
    on = on or timezone.localdate()
    AppraisalTransition.objects.create(
        appraisal=appraisal,
        action="sign_off",
        from_status=appraisal.status,
        to_status=Appraisal.Status.COMPLETED,
        actor_label="test",
    )
    Appraisal.objects.filter(pk=appraisal.pk).update(
        status=Appraisal.Status.COMPLETED, completed_on=on
    )
    appraisal.refresh_from_db()
    return appraisal


def submitted(appraisal, when: datetime.datetime):
    """Record a submission to the region at ``when`` (bypassing the service's checks)."""
    Appraisal.objects.filter(pk=appraisal.pk).update(submitted_to_region_at=when)
    appraisal.refresh_from_db()
    return appraisal
