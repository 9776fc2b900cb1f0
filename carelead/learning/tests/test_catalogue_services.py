import datetime

import pytest
from django.core.exceptions import ValidationError

from carelead.core.models import AuditEvent
from carelead.learning.models import Accreditation, Cohort, Enrolment, Module, Programme
from carelead.learning.services import catalogue as services
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    EnrolmentFactory,
    NationalInductionFactory,
    ProgrammeFactory,
    ProviderFactory,
)
from carelead.organisations.tests.factories import RegionFactory, TrustFactory
from carelead.standards.models import Item
from carelead.standards.tests.factories import ItemFactory, ml_version_with_stages

pytestmark = pytest.mark.django_db

D = datetime.date


def _errors(excinfo) -> dict:
    return {k: " ".join(v) for k, v in excinfo.value.message_dict.items()}


# Accreditation ----------------------------------------------------------------------------


def test_accreditation_record_writes_the_row_and_an_audit_event():
    provider = ProviderFactory()
    accreditation = services.accreditation_record(
        actor=None,
        provider=provider,
        accrediting_body="CMI",
        status=Accreditation.Status.ACCREDITED,
        applied_on=D(2026, 1, 1),
        valid_from=D(2026, 2, 1),
        valid_to=D(2029, 1, 31),
    )
    assert accreditation.version == 1
    event = AuditEvent.objects.get(action="accreditation_recorded")
    assert event.organisation_id == provider.pk
    assert event.after["status"] == "accredited"


def test_accreditation_record_refuses_an_organisation_that_is_not_a_training_provider():
    with pytest.raises(ValidationError) as excinfo:
        services.accreditation_record(
            actor=None,
            provider=TrustFactory(),
            accrediting_body="CMI",
            status=Accreditation.Status.APPLIED,
            applied_on=D(2026, 1, 1),
        )
    assert "training provider" in _errors(excinfo)["provider"]
    assert not Accreditation.objects.exists()


@pytest.mark.parametrize(
    "status", [Accreditation.Status.ACCREDITED, Accreditation.Status.CONDITIONS]
)
def test_accrediting_needs_a_valid_from_date(status):
    with pytest.raises(ValidationError) as excinfo:
        services.accreditation_record(
            actor=None,
            provider=ProviderFactory(),
            accrediting_body="CMI",
            status=status,
            applied_on=D(2026, 1, 1),
            conditions="Report quarterly",
        )
    assert "valid from" in _errors(excinfo)["valid_from"]


def test_accreditation_valid_to_before_valid_from_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        services.accreditation_record(
            actor=None,
            provider=ProviderFactory(),
            accrediting_body="CMI",
            status=Accreditation.Status.ACCREDITED,
            applied_on=D(2026, 1, 1),
            valid_from=D(2026, 5, 1),
            valid_to=D(2026, 4, 30),
        )
    assert "valid_to" in excinfo.value.message_dict


def test_status_change_bumps_the_version_and_audits_before_and_after():
    accreditation = AccreditationFactory()
    changed = services.accreditation_status_change(
        actor=None,
        accreditation=accreditation,
        status=Accreditation.Status.SUSPENDED,
        reason="Quality concerns raised by the accrediting body",
        expected_version=1,
    )
    assert changed.version == 2
    assert changed.status_reason.startswith("Quality concerns")
    event = AuditEvent.objects.get(action="accreditation_status_changed")
    assert (event.before["status"], event.after["status"]) == ("accredited", "suspended")


@pytest.mark.parametrize("status", [Accreditation.Status.SUSPENDED, Accreditation.Status.EXPIRED])
def test_suspending_or_expiring_needs_a_reason(status):
    accreditation = AccreditationFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.accreditation_status_change(
            actor=None, accreditation=accreditation, status=status, reason=" ", expected_version=1
        )
    assert "why" in _errors(excinfo)["reason"]
    accreditation.refresh_from_db()
    assert accreditation.status == Accreditation.Status.ACCREDITED


def test_a_stale_version_is_refused_with_the_current_status():
    accreditation = AccreditationFactory()
    services.accreditation_status_change(
        actor=None,
        accreditation=accreditation,
        status=Accreditation.Status.EXPIRED,
        reason="Not renewed",
        expected_version=1,
    )
    with pytest.raises(services.AccreditationConflict) as excinfo:
        services.accreditation_status_change(
            actor=None,
            accreditation=accreditation,
            status=Accreditation.Status.SUSPENDED,
            reason="Concerns",
            expected_version=1,
        )
    assert "now expired" in excinfo.value.messages[0]
    assert excinfo.value.accreditation.version == 2


def test_accrediting_an_application_needs_a_valid_from_unless_given():
    accreditation = AccreditationFactory(
        status=Accreditation.Status.APPLIED, valid_from=None, valid_to=None
    )
    with pytest.raises(ValidationError):
        services.accreditation_status_change(
            actor=None,
            accreditation=accreditation,
            status=Accreditation.Status.ACCREDITED,
            reason="",
            expected_version=1,
        )
    changed = services.accreditation_status_change(
        actor=None,
        accreditation=accreditation,
        status=Accreditation.Status.ACCREDITED,
        reason="",
        expected_version=1,
        valid_from=D(2026, 1, 1),
    )
    assert changed.valid_from == D(2026, 1, 1)


# Programmes -------------------------------------------------------------------------------


def _programme_args(**overrides):
    version = ml_version_with_stages()
    args = {
        "actor": None,
        "code": "leading-teams",
        "title": "Leading teams",
        "kind": Programme.Kind.DEVELOPMENT_BUNDLE,
        "provider": ProviderFactory(),
        "framework_version": version,
        "stage": version.stages.get(rank=1),
        "awards_credential": True,
    }
    args.update(overrides)
    return args


def test_programme_create_audits():
    programme = services.programme_create(**_programme_args())
    assert programme.status == Programme.Status.DRAFT
    assert AuditEvent.objects.filter(action="programme_created", object_id=programme.pk).exists()


@pytest.mark.parametrize("kind", [Programme.Kind.DEVELOPMENT_BUNDLE, Programme.Kind.MID_CAREER])
def test_a_programme_awarding_a_credential_needs_a_stage(kind):
    with pytest.raises(ValidationError) as excinfo:
        services.programme_create(**_programme_args(kind=kind, stage=None))
    assert "stage" in _errors(excinfo)["stage"]


def test_programme_create_refuses_a_provider_that_is_not_a_training_provider():
    with pytest.raises(ValidationError) as excinfo:
        services.programme_create(**_programme_args(provider=TrustFactory()))
    assert "provider" in excinfo.value.message_dict


def test_a_second_open_national_induction_is_refused_with_a_reason():
    NationalInductionFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.programme_create(
            **_programme_args(
                code="induction-2",
                kind=Programme.Kind.NATIONAL_INDUCTION,
                status=Programme.Status.OPEN,
                stage=None,
                awards_credential=False,
            )
        )
    assert "Another national induction is open" in _errors(excinfo)["status"]


def test_programme_update_changes_fields_and_audits_only_real_changes():
    programme = ProgrammeFactory(status=Programme.Status.DRAFT)
    services.programme_update(actor=None, programme=programme, status=Programme.Status.OPEN)
    services.programme_update(actor=None, programme=programme, status=Programme.Status.OPEN)
    programme.refresh_from_db()
    assert programme.status == Programme.Status.OPEN
    assert AuditEvent.objects.filter(action="programme_updated").count() == 1


def test_programme_update_refuses_to_change_the_code():
    with pytest.raises(TypeError):
        services.programme_update(actor=None, programme=ProgrammeFactory(), code="other")


def test_programme_outcomes_set_replaces_the_outcomes():
    programme = ProgrammeFactory()
    version = programme.framework_version
    stage = programme.stage
    first, second = ItemFactory(version=version), ItemFactory(version=version)
    services.programme_outcomes_set(actor=None, programme=programme, outcomes=[(first, stage)])
    services.programme_outcomes_set(
        actor=None, programme=programme, outcomes=[(second, stage), (second, stage)]
    )
    assert list(programme.outcomes.values_list("item_id", flat=True)) == [second.pk]


def test_programme_outcomes_must_be_competencies_of_the_programmes_version():
    programme = ProgrammeFactory()
    other_version = ml_version_with_stages(version="2.0", status="draft")
    standard = ItemFactory(version=programme.framework_version, kind=Item.Kind.STANDARD)
    foreign = ItemFactory(version=other_version)
    with pytest.raises(ValidationError) as excinfo:
        services.programme_outcomes_set(
            actor=None,
            programme=programme,
            outcomes=[(standard, programme.stage), (foreign, programme.stage)],
        )
    messages = excinfo.value.message_dict["outcomes"]
    assert messages[0].startswith("Outcome 1:") and messages[1].startswith("Outcome 2:")
    assert not programme.outcomes.exists()


def test_module_create_numbers_modules_in_order_and_refuses_a_repeated_code():
    programme = ProgrammeFactory()
    first = services.module_create(
        actor=None,
        programme=programme,
        code="m1",
        title="Leading yourself",
        duration_hours=3,
        delivery_mode=Module.DeliveryMode.ONLINE,
    )
    second = services.module_create(
        actor=None,
        programme=programme,
        code="m2",
        title="Leading others",
        duration_hours="1.5",
        delivery_mode=Module.DeliveryMode.FACE_TO_FACE,
    )
    assert second.sort_order == first.sort_order + 1
    with pytest.raises(ValidationError) as excinfo:
        services.module_create(
            actor=None,
            programme=programme,
            code="m1",
            title="Again",
            duration_hours=0,
            delivery_mode="carrier-pigeon",
        )
    assert set(excinfo.value.message_dict) == {"code", "duration_hours", "delivery_mode"}


# Cohorts ----------------------------------------------------------------------------------


def _cohort_args(programme, **overrides):
    args = {
        "actor": None,
        "programme": programme,
        "provider": programme.provider,
        "code": "c-2026-09",
        "starts_on": D(2026, 9, 1),
        "ends_on": D(2027, 3, 31),
        "places": 20,
        "is_online": True,
    }
    args.update(overrides)
    return args


def test_cohort_create_by_the_programmes_provider():
    programme = ProgrammeFactory()
    cohort = services.cohort_create(**_cohort_args(programme, region=RegionFactory()))
    assert cohort.provider == programme.provider
    assert AuditEvent.objects.filter(action="cohort_created").count() == 1


def test_another_provider_must_be_accredited_to_run_a_cohort():
    programme = ProgrammeFactory()
    other = ProviderFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.cohort_create(**_cohort_args(programme, provider=other))
    assert "not accredited" in _errors(excinfo)["provider"]
    AccreditationFactory(provider=other)
    assert services.cohort_create(**_cohort_args(programme, provider=other)).provider == other


def test_cohort_create_checks_dates_places_and_where():
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.cohort_create(
            **_cohort_args(
                programme, ends_on=D(2026, 8, 31), places=0, is_online=False, location=" "
            )
        )
    assert set(excinfo.value.message_dict) == {"ends_on", "places", "location"}
    assert not Cohort.objects.exists()


def test_cohort_places_never_drop_below_the_enrolments_taken():
    cohort = CohortFactory(places=5)
    for _ in range(3):
        EnrolmentFactory(programme=cohort.programme, cohort=cohort)
    EnrolmentFactory(programme=cohort.programme, cohort=cohort, status=Enrolment.Status.WITHDRAWN)
    with pytest.raises(ValidationError) as excinfo:
        services.cohort_update(actor=None, cohort=cohort, places=2)
    assert "3 already taken" in _errors(excinfo)["places"]
    updated = services.cohort_update(actor=None, cohort=cohort, places=3, location="Leeds")
    assert (updated.places, updated.location) == (3, "Leeds")
    assert AuditEvent.objects.filter(action="cohort_updated").count() == 1
