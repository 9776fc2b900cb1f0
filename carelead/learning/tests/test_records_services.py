import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.core.models import AuditEvent
from carelead.learning.models import Completion, Credential, Enrolment
from carelead.learning.services.records import (
    CompletionConflict,
    completion_record,
    completions_upload,
    credential_revoke,
    learning_declare,
    learning_verify,
)
from carelead.learning.tests.factories import CredentialFactory, ModuleFactory, ProviderFactory
from carelead.learning.tests.factories_records import a_course, enrol
from carelead.people.tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 30)


def record(course, person, **kwargs):
    kwargs.setdefault("completed_on", DAY)
    kwargs.setdefault("source", Completion.Source.PROVIDER_PAGE)
    return completion_record(
        actor=None, provider=course.provider, person=person, programme=course.programme, **kwargs
    )


# completion_record ---------------------------------------------------------------------------


def test_a_programme_completion_completes_the_enrolment_and_issues_the_stage_credential():
    course = a_course(rank=2)
    enrolment = enrol(course)

    completion = record(course, enrolment.person)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_on == DAY
    credential = Credential.objects.get(person=enrolment.person)
    assert credential.stage == course.stages[2]
    assert credential.issuer == course.provider
    assert credential.completion == completion
    assert credential.issued_on == DAY
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"completion_recorded", "enrolment_completed", "credential_issued"} <= actions


def test_a_second_completion_at_the_same_stage_issues_no_second_credential():
    course = a_course(rank=2)
    other = a_course(rank=2)
    enrolment = enrol(course)
    enrol(other, person=enrolment.person)

    record(course, enrolment.person)
    record(other, enrolment.person)

    assert Credential.objects.filter(person=enrolment.person).count() == 1


def test_a_programme_that_awards_no_credential_issues_none():
    course = a_course(awards_credential=False)
    enrolment = enrol(course)
    record(course, enrolment.person)
    assert not Credential.objects.exists()


def test_a_module_completion_leaves_the_enrolment_open_and_issues_nothing():
    course = a_course()
    module = ModuleFactory(programme=course.programme)
    enrolment = enrol(course)

    completion_record(
        actor=None,
        provider=course.provider,
        person=enrolment.person,
        programme=None,
        module=module,
        completed_on=DAY,
        source=Completion.Source.PROVIDER_PAGE,
    )

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert not Credential.objects.exists()


def test_someone_not_enrolled_cannot_be_recorded():
    course = a_course()
    person = EmploymentFactory().person
    with pytest.raises(ValidationError) as error:
        record(course, person)
    assert "no current enrolment" in str(error.value.message_dict["person"])


def test_a_withdrawn_enrolment_does_not_count():
    course = a_course()
    enrolment = enrol(course, status=Enrolment.Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        record(course, enrolment.person)


def test_another_provider_cannot_record_completions_of_a_programme_it_does_not_run():
    course = a_course()
    enrolment = enrol(course)
    with pytest.raises(ValidationError) as error:
        completion_record(
            actor=None,
            provider=ProviderFactory(),
            person=enrolment.person,
            programme=course.programme,
            completed_on=DAY,
            source=Completion.Source.API,
        )
    assert "programme" in error.value.message_dict


def test_the_provider_of_the_cohort_may_record_a_programme_owned_by_another():
    course = a_course()
    runner = ProviderFactory()
    course.cohort.provider = runner
    course.cohort.save()
    enrolment = enrol(course)

    completion_record(
        actor=None,
        provider=runner,
        person=enrolment.person,
        programme=course.programme,
        completed_on=DAY,
        source=Completion.Source.API,
    )

    assert Credential.objects.get(person=enrolment.person).issuer == runner


def test_a_date_in_the_future_is_refused():
    course = a_course()
    enrolment = enrol(course)
    with pytest.raises(ValidationError) as error:
        record(course, enrolment.person, completed_on=timezone.localdate() + datetime.timedelta(1))
    assert "completed_on" in error.value.message_dict


def test_the_same_idempotency_key_returns_the_first_completion_and_changes_nothing():
    course = a_course()
    enrolment = enrol(course)
    first = record(course, enrolment.person, idempotency_key="row-1")
    events = AuditEvent.objects.count()

    again = record(course, enrolment.person, idempotency_key="row-1")

    assert again.pk == first.pk
    assert Completion.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_the_same_idempotency_key_with_a_different_payload_is_a_conflict():
    course = a_course()
    enrolment = enrol(course)
    record(course, enrolment.person, idempotency_key="row-1")
    with pytest.raises(CompletionConflict):
        record(course, enrolment.person, idempotency_key="row-1", completed_on=DAY.replace(day=1))


# completions_upload ---------------------------------------------------------------------------

HEADER = "person_number,programme_code,module_code,completed_on,reference\n"


def test_an_upload_records_every_row_in_one_go():
    course = a_course()
    people = [enrol(course).person for _ in range(3)]
    rows = "".join(
        f"{p.person_number},{course.programme.code},,2026-06-30,ref-{i}\n"
        for i, p in enumerate(people)
    )

    result = completions_upload(
        actor=None, provider=course.provider, content=(HEADER + rows).encode()
    )

    assert result.ok, result.errors
    assert (result.created, result.unchanged, result.credentials_issued) == (3, 0, 3)
    assert Completion.objects.count() == 3

    again = completions_upload(
        actor=None, provider=course.provider, content=(HEADER + rows).encode()
    )
    assert (again.created, again.unchanged) == (0, 3)
    assert Completion.objects.count() == 3


def test_an_upload_with_any_bad_row_writes_nothing_and_lists_row_column_and_message():
    course = a_course()
    good = enrol(course).person
    not_enrolled = EmploymentFactory(person__family_name="Featherstonehaugh").person
    content = (
        HEADER
        + f"{good.person_number},{course.programme.code},,2026-06-30,ref-1\n"
        + f"99999999,{course.programme.code},,2026-06-30,ref-2\n"
        + f"{good.person_number},no-such-programme,,30/06/2026,ref-3\n"
        + f"{not_enrolled.person_number},{course.programme.code},,2026-06-30,ref-4\n"
        + f"{good.person_number},{course.programme.code},,2026-06-30,ref-1\n"
    ).encode()

    result = completions_upload(actor=None, provider=course.provider, content=content)

    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert (3, "person_number") in found
    assert (4, "programme_code") in found
    assert (4, "completed_on") in found
    assert (5, "person_number") in found
    assert (6, "reference") in found
    # The learner who is not the provider's is not named.
    assert not any(not_enrolled.family_name in e.message for e in result.errors)
    assert not Completion.objects.exists()
    assert not Credential.objects.exists()


def test_an_upload_whose_rows_fail_only_when_applied_still_writes_nothing():
    course = a_course()
    first = enrol(course).person
    withdrawn = enrol(course, status=Enrolment.Status.WITHDRAWN).person
    content = (
        HEADER
        + f"{first.person_number},{course.programme.code},,2026-06-30,ref-1\n"
        + f"{withdrawn.person_number},{course.programme.code},,2026-06-30,ref-2\n"
    ).encode()

    result = completions_upload(actor=None, provider=course.provider, content=content)

    assert [(e.row, e.column) for e in result.errors] == [(3, "person_number")]
    assert not Completion.objects.exists()
    assert Enrolment.objects.get(person=first).status == Enrolment.Status.ENROLLED


def test_an_upload_missing_a_column_says_which():
    course = a_course()
    result = completions_upload(
        actor=None, provider=course.provider, content=b"person_number,completed_on\n1,2026-01-01\n"
    )
    assert {(e.row, e.column) for e in result.errors} == {
        (1, "programme_code"),
        (1, "reference"),
    }


# declared learning ------------------------------------------------------------------------------


def declare(person, **kwargs):
    values = {
        "title": "Coaching for managers",
        "provider_name": "Local college",
        "completed_on": DAY,
        "hours": None,
        "evidence": "Certificate dated 30 June 2026",
        "evidence_url": "",
    }
    values.update(kwargs)
    return learning_declare(actor=None, person=person, **values)


def test_declared_learning_waits_for_verification_and_never_issues_a_credential(world):
    staff = world.employments["staff"].person
    completion = declare(staff)
    assert completion.status == Completion.Status.AWAITING_VERIFICATION
    assert completion.source == Completion.Source.SELF_DECLARED

    learning_verify(
        actor=world.user("line_manager"), completion=completion, decision="verified", note=""
    )

    completion.refresh_from_db()
    assert completion.status == Completion.Status.VERIFIED
    assert completion.verified_by == world.user("line_manager")
    assert not Credential.objects.exists()


def test_declared_learning_needs_evidence_and_a_past_date(world):
    staff = world.employments["staff"].person
    with pytest.raises(ValidationError) as error:
        declare(staff, evidence="", completed_on=timezone.localdate() + datetime.timedelta(2))
    assert set(error.value.message_dict) == {"evidence", "completed_on"}


def test_the_people_lead_of_their_organisation_may_verify(world):
    completion = declare(world.employments["staff"].person)
    learning_verify(actor=world.user("people_lead"), completion=completion, decision="verified")
    completion.refresh_from_db()
    assert completion.status == Completion.Status.VERIFIED


def test_a_rejection_needs_a_note(world):
    completion = declare(world.employments["staff"].person)
    with pytest.raises(ValidationError):
        learning_verify(
            actor=world.user("line_manager"), completion=completion, decision="rejected"
        )
    learning_verify(
        actor=world.user("line_manager"),
        completion=completion,
        decision="rejected",
        note="The certificate is for someone else.",
    )
    completion.refresh_from_db()
    assert completion.status == Completion.Status.REJECTED


@pytest.mark.parametrize("persona", ["staff", "regional_talent_lead", "training_provider"])
def test_others_may_not_verify(world, persona):
    completion = declare(world.employments["staff"].person)
    with pytest.raises(PermissionDenied):
        learning_verify(actor=world.user(persona), completion=completion, decision="verified")


def test_a_people_lead_elsewhere_may_not_verify(world):
    completion = declare(world.outsider_employment.person)
    with pytest.raises(PermissionDenied):
        learning_verify(actor=world.user("people_lead"), completion=completion, decision="verified")


# credential_revoke ------------------------------------------------------------------------------


def provider_user(provider):
    user = UserFactory()
    RoleAssignmentFactory(
        user=user,
        role=Role.TRAINING_PROVIDER,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=provider,
    )
    return user


def test_the_issuing_provider_revokes_with_a_reason():
    credential = CredentialFactory()
    user = provider_user(credential.issuer)
    with pytest.raises(ValidationError):
        credential_revoke(actor=user, credential=credential, reason=" ")

    credential_revoke(actor=user, credential=credential, reason="Completion recorded in error")

    credential.refresh_from_db()
    assert credential.status == Credential.Status.REVOKED
    assert credential.revoked_on == timezone.localdate()
    assert credential.revoked_reason == "Completion recorded in error"
    assert AuditEvent.objects.filter(action="credential_revoked").exists()


def test_the_implementation_office_may_revoke_and_another_provider_may_not(world):
    credential = CredentialFactory()
    with pytest.raises(PermissionDenied):
        credential_revoke(actor=provider_user(ProviderFactory()), credential=credential, reason="x")
    credential_revoke(actor=world.user("implementation_office"), credential=credential, reason="x")
    credential.refresh_from_db()
    assert credential.status == Credential.Status.REVOKED


def test_a_revoked_credential_frees_the_stage_for_a_new_one():
    course = a_course(rank=2)
    enrolment = enrol(course)
    record(course, enrolment.person)
    old = Credential.objects.get()
    credential_revoke(actor=provider_user(course.provider), credential=old, reason="error")

    other = a_course(rank=2)
    enrol(other, person=enrolment.person)
    record(other, enrolment.person)

    assert Credential.objects.filter(person=enrolment.person, status="active").count() == 1
