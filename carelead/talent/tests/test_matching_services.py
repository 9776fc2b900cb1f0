import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.core.models import AuditEvent
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.talent.models import Approach, ApproachPreference, Vacancy
from carelead.talent.services import matching as services
from carelead.talent.tests.factories import ApproachFactory
from carelead.talent.tests.factories_matching import challenged_vacancy, ready_member, region_pool

A = ApproachPreference.Audience
S = Approach.Status


def lead(world):
    return world.user("regional_talent_lead")


def test_a_person_saves_their_own_preference_with_audit_and_version(world):
    staff = world.user("staff")
    preference = services.approach_preference_save(
        actor=staff,
        person=staff.person,
        audience=A.OWN_REGION,
        challenged_organisations=True,
        willing_to_relocate=False,
        expected_version=0,
    )
    assert (preference.audience, preference.version) == (A.OWN_REGION, 1)
    assert AuditEvent.objects.filter(action="approach_preference_saved").count() == 1
    with pytest.raises(ValidationError, match="another window"):
        services.approach_preference_save(
            actor=staff,
            person=staff.person,
            audience=A.NOBODY,
            challenged_organisations=False,
            willing_to_relocate=False,
            expected_version=0,
        )


def test_nobody_else_may_set_a_person_preference(world):
    with pytest.raises(PermissionDenied):
        services.approach_preference_save(
            actor=world.user("line_manager"),
            person=world.user("staff").person,
            audience=A.ANY_REGION,
            challenged_organisations=True,
            willing_to_relocate=True,
        )


def test_lead_approaches_a_candidate_and_they_are_emailed(
    world, django_capture_on_commit_callbacks
):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), world.trust)
    person.email = "candidate@example.org"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        approach = services.approach_create(
            actor=lead(world), vacancy=vacancy, person=person, message="Shall we talk?"
        )
    assert approach.status == S.SENT
    assert AuditEvent.objects.filter(action="approach_sent", object_id=str(approach.pk)).exists()
    [email] = mail.outbox
    assert email.to == ["candidate@example.org"]
    assert "/talent/approaches/mine/" in email.body


def test_a_person_is_not_approached_twice_about_one_vacancy(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), world.trust)
    services.approach_create(actor=lead(world), vacancy=vacancy, person=person, message="Hi")
    with pytest.raises(PermissionDenied):
        services.approach_create(actor=lead(world), vacancy=vacancy, person=person, message="Hi")
    assert Approach.objects.count() == 1


def test_approaching_someone_not_opted_in_for_the_region_is_refused(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    person = ready_member(region_pool(world.region), world.other_trust, audience=A.OWN_REGION)
    with pytest.raises(PermissionDenied):
        services.approach_create(actor=lead(world), vacancy=vacancy, person=person, message="Hi")
    assert not Approach.objects.exists()


def test_a_lead_of_another_region_cannot_approach(world):
    vacancy = challenged_vacancy(world.other_trust)
    person = ready_member(region_pool(world.region), world.trust)
    with pytest.raises(PermissionDenied):
        services.approach_create(actor=lead(world), vacancy=vacancy, person=person, message="Hi")


def test_the_person_responds_and_can_change_their_mind(world):
    approach = ApproachFactory(person=world.user("staff").person)
    approach = services.approach_respond(
        actor=world.user("staff"), approach=approach, response=S.INTERESTED, note="Call me"
    )
    assert (approach.status, approach.response_note, approach.version) == (
        S.INTERESTED,
        "Call me",
        2,
    )
    approach = services.approach_respond(
        actor=world.user("staff"), approach=approach, response=S.DECLINED, expected_version=2
    )
    assert approach.status == S.DECLINED
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.approach_respond(
            actor=world.user("staff"), approach=approach, response=S.INTERESTED, expected_version=2
        )


def test_only_the_person_may_respond(world):
    approach = ApproachFactory(person=world.user("staff").person)
    with pytest.raises(PermissionDenied):
        services.approach_respond(actor=lead(world), approach=approach, response=S.INTERESTED)


def test_the_lead_withdraws_and_a_withdrawn_approach_cannot_be_answered(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    approach = ApproachFactory(vacancy=vacancy, person=world.user("staff").person)
    services.approach_withdraw(actor=lead(world), approach=approach)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.approach_respond(
            actor=world.user("staff"), approach=approach, response=S.INTERESTED
        )


def test_placement_fills_the_vacancy_appoints_the_approach_and_keeps_the_segment(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    approach = ApproachFactory(vacancy=vacancy, status=S.INTERESTED)
    placement = services.placement_create(
        actor=lead(world),
        vacancy=vacancy,
        person=approach.person,
        approach=approach,
        starts_on=datetime.date(2026, 12, 1),
    )
    vacancy.refresh_from_db()
    approach.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    assert approach.status == S.APPOINTED
    assert placement.segment_at_start == 4
    assert placement.package_id == vacancy.package_id
    assert AuditEvent.objects.filter(action="vacancy_placement_recorded").count() == 1


def test_placement_of_anyone_with_their_employment(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    employment = EmploymentFactory(organisation=world.sibling_trust)
    placement = services.placement_create(
        actor=lead(world),
        vacancy=vacancy,
        person=employment.person,
        employment=employment,
        starts_on=datetime.date(2026, 12, 1),
    )
    assert placement.employment == employment and placement.approach is None


def test_a_second_placement_for_one_vacancy_is_refused(world):
    vacancy = challenged_vacancy(world.sibling_trust)
    services.placement_create(
        actor=lead(world),
        vacancy=vacancy,
        person=PersonFactory(),
        starts_on=datetime.date(2026, 12, 1),
    )
    with pytest.raises(ValidationError):
        services.placement_create(
            actor=lead(world),
            vacancy=vacancy,
            person=PersonFactory(),
            starts_on=datetime.date(2026, 12, 1),
        )


def test_filling_the_vacancy_withdraws_the_other_open_approaches(world):
    from carelead.talent.tests.factories import VacancyFactory

    vacancy = VacancyFactory(organisation=world.trust, is_challenged=True)
    chosen = ApproachFactory(vacancy=vacancy, status=Approach.Status.INTERESTED)
    waiting = ApproachFactory(vacancy=vacancy, status=Approach.Status.SENT)
    declined = ApproachFactory(vacancy=vacancy, status=Approach.Status.DECLINED)

    services.placement_create(
        actor=world.user("regional_talent_lead"),
        vacancy=vacancy,
        person=chosen.person,
        approach=chosen,
        starts_on=datetime.date(2026, 12, 1),
    )

    statuses = dict(Approach.objects.values_list("pk", "status"))
    assert statuses[chosen.pk] == Approach.Status.APPOINTED
    assert statuses[waiting.pk] == Approach.Status.WITHDRAWN
    assert statuses[declined.pk] == Approach.Status.DECLINED
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.FILLED
    event = AuditEvent.objects.get(action="approach_withdrawn", object_id=str(waiting.pk))
    assert event.before == {"status": "sent"}
