import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.accounts.tests.factories import UserFactory
from carelead.core.models import AuditEvent
from carelead.organisations.tests.factories import TrustFactory
from carelead.people import services
from carelead.people.models import (
    Employment,
    EqualityMonitoring,
    EqualityOption,
    PayBand,
    Person,
    StaffGroup,
)
from carelead.people.tests.factories import (
    EmploymentFactory,
    PayBandFactory,
    PersonFactory,
    StaffGroupFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


# --- Reference data ---------------------------------------------------------------------


def test_reference_data_load_fills_every_table_from_the_data_files():
    counts = services.reference_data_load()
    assert counts == {
        "staff_groups": StaffGroup.objects.count(),
        "pay_bands": PayBand.objects.count(),
        "equality_options": EqualityOption.objects.count(),
    }
    assert (
        StaffGroup.objects.get(code="nursing_midwifery").name == "Nursing and Midwifery Registered"
    )
    assert PayBand.objects.get(code="8a").family == PayBand.Family.AFC
    not_stated = EqualityOption.objects.get(question="ethnic_category", code="Z")
    assert not_stated.is_not_stated and not_stated.wres_group == ""
    assert EqualityOption.objects.get(question="ethnic_category", code="A").wres_group == "white"


def test_reference_data_load_is_idempotent_and_corrects_changed_rows():
    services.reference_data_load()
    StaffGroup.objects.filter(code="ahp").update(name="Wrong name")
    before = (StaffGroup.objects.count(), PayBand.objects.count(), EqualityOption.objects.count())
    services.reference_data_load()
    after = (StaffGroup.objects.count(), PayBand.objects.count(), EqualityOption.objects.count())
    assert before == after
    assert StaffGroup.objects.get(code="ahp").name == "Allied Health Professionals"


def test_every_equality_question_offers_a_not_stated_answer():
    services.reference_data_load()
    for question in EqualityMonitoring.QUESTIONS:
        assert EqualityOption.objects.filter(question=question, is_not_stated=True).exists()


def test_a_malformed_reference_file_names_file_and_line_and_writes_nothing(tmp_path):
    for name in ("staff_groups.csv", "pay_bands.csv", "equality_options.csv"):
        (tmp_path / name).write_text((services.DATA_DIR / name).read_text())
    (tmp_path / "pay_bands.csv").write_text(
        "code,name,family,rank\n1,Band 1,afc,1\n2,Band 2,xyz,2\n"
    )
    with pytest.raises(ValueError, match="pay_bands.csv line 3"):
        services.reference_data_load(data_dir=tmp_path)
    assert StaffGroup.objects.count() == 0
    assert PayBand.objects.count() == 0


# --- People -----------------------------------------------------------------------------


def test_person_create_audits_the_new_values():
    actor = UserFactory()
    person = services.person_create(
        actor=actor, person_number=" 123 ", given_name="Ada", family_name="Lovelace"
    )
    assert person.person_number == "123"
    event = AuditEvent.objects.get(action="person_created")
    assert event.actor == actor
    assert event.after["given_name"] == "Ada"
    assert event.before is None


def test_person_create_refuses_a_duplicate_person_number():
    PersonFactory(person_number="123")
    with pytest.raises(ValidationError) as info:
        services.person_create(actor=None, person_number="123", given_name="A", family_name="B")
    assert "already belongs" in info.value.message_dict["person_number"][0]
    assert not AuditEvent.objects.exists()


def test_person_update_audits_before_and_after_on_each_current_employer():
    employment = EmploymentFactory(person__given_name="Sam")
    second = EmploymentFactory(person=employment.person, assignment_number="2")
    services.person_update(actor=None, person=employment.person, data={"given_name": "Samira"})
    events = AuditEvent.objects.filter(action="person_updated")
    assert {e.organisation_id for e in events} == {
        employment.organisation_id,
        second.organisation_id,
    }
    assert all(
        e.before["given_name"] == "Sam" and e.after["given_name"] == "Samira" for e in events
    )


def test_person_update_with_no_change_writes_nothing():
    person = PersonFactory(given_name="Sam")
    services.person_update(actor=None, person=person, data={"given_name": "Sam"})
    assert not AuditEvent.objects.exists()


def test_person_update_refuses_unknown_fields():
    with pytest.raises(ValidationError):
        services.person_update(actor=None, person=PersonFactory(), data={"nhs_number": "1"})


# --- Employments ------------------------------------------------------------------------


def _create(**overrides):
    kwargs = {
        "actor": None,
        "person": PersonFactory(),
        "organisation": TrustFactory(),
        "assignment_number": "A1",
        "job_title": "Staff nurse",
        "staff_group": StaffGroupFactory(),
        "pay_band": PayBandFactory(),
        "start_date": datetime.date(2024, 4, 1),
    }
    kwargs.update(overrides)
    return services.employment_create(**kwargs)


def test_employment_create_audits_on_the_employing_organisation():
    employment = _create(fte="0.6")
    event = AuditEvent.objects.get(action="employment_created")
    assert event.organisation_id == employment.organisation_id
    assert event.after["job_title"] == "Staff nurse"
    assert event.after["fte"] == "0.60"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": datetime.date(2024, 3, 31)}, "end_date", "same as or after the start"),
        ({"fte": "2.5"}, "fte", "between 0 and 2"),
        ({"fte": "-0.1"}, "fte", "between 0 and 2"),
        ({"fte": "lots"}, "fte", "must be a number"),
        ({"job_title": "  "}, "job_title", "Enter a job title"),
        ({"management_level": 9}, "management_level", "between 1 and 5"),
    ],
)
def test_employment_create_explains_bad_input(overrides, field, message):
    with pytest.raises(ValidationError) as info:
        _create(**overrides)
    assert message in " ".join(info.value.message_dict[field])
    assert not Employment.objects.exists()
    assert not AuditEvent.objects.exists()


def test_fte_of_exactly_0_and_2_is_allowed():
    assert _create(fte=0).fte == Decimal("0.00")
    assert _create(fte=2, assignment_number="A2").fte == Decimal("2.00")


def test_the_line_manager_must_work_for_the_same_organisation():
    manager = EmploymentFactory()
    with pytest.raises(ValidationError) as info:
        _create(line_manager=manager, organisation=TrustFactory())
    assert "same organisation" in info.value.message_dict["line_manager"][0]


def test_the_line_manager_must_be_current():
    manager = EmploymentFactory(end_date=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as info:
        _create(line_manager=manager, organisation=manager.organisation)
    assert "must be current" in info.value.message_dict["line_manager"][0]


def test_nobody_manages_themself():
    manager = EmploymentFactory()
    with pytest.raises(ValidationError) as info:
        _create(line_manager=manager, organisation=manager.organisation, person=manager.person)
    assert "their own line manager" in info.value.message_dict["line_manager"][0]


def test_a_valid_line_manager_is_accepted():
    manager = EmploymentFactory()
    employment = _create(line_manager=manager, organisation=manager.organisation)
    assert employment.line_manager == manager


def test_an_assignment_number_is_unique_per_person():
    first = _create()
    with pytest.raises(ValidationError) as info:
        _create(person=first.person)
    assert "already has an employment" in info.value.message_dict["assignment_number"][0]


def test_employment_update_records_before_and_after():
    employment = EmploymentFactory(job_title="Staff nurse")
    services.employment_update(
        actor=None, employment=employment, data={"job_title": "Ward sister", "fte": "0.8"}
    )
    event = AuditEvent.objects.get(action="employment_updated")
    assert event.before["job_title"] == "Staff nurse"
    assert event.after["job_title"] == "Ward sister"
    assert (event.before["fte"], event.after["fte"]) == ("1.00", "0.80")
    assert event.organisation_id == employment.organisation_id


def test_employment_update_keeps_an_old_manager_who_has_since_left():
    manager = EmploymentFactory()
    employment = EmploymentFactory(organisation=manager.organisation, line_manager=manager)
    Employment.objects.filter(pk=manager.pk).update(end_date=TODAY - datetime.timedelta(days=3))
    employment.refresh_from_db()
    services.employment_update(actor=None, employment=employment, data={"job_title": "Sister"})
    assert Employment.objects.get(pk=employment.pk).job_title == "Sister"


def test_employment_update_refuses_moving_to_another_organisation():
    with pytest.raises(ValidationError):
        services.employment_update(
            actor=None, employment=EmploymentFactory(), data={"organisation": TrustFactory()}
        )


def test_employment_update_with_bad_data_changes_nothing():
    employment = EmploymentFactory()
    with pytest.raises(ValidationError):
        services.employment_update(actor=None, employment=employment, data={"fte": "3"})
    assert Employment.objects.get(pk=employment.pk).fte == Decimal("1.00")
    assert not AuditEvent.objects.exists()


def test_employment_end_sets_the_end_date_and_audits_it():
    employment = EmploymentFactory(start_date=datetime.date(2020, 1, 1))
    services.employment_end(actor=None, employment=employment, end_date=datetime.date(2025, 3, 31))
    employment.refresh_from_db()
    assert employment.end_date == datetime.date(2025, 3, 31)
    event = AuditEvent.objects.get(action="employment_ended")
    assert event.before["end_date"] is None
    assert event.after["end_date"] == "2025-03-31"
    assert event.organisation_id == employment.organisation_id


def test_employment_cannot_end_before_it_started():
    employment = EmploymentFactory(start_date=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as info:
        services.employment_end(
            actor=None, employment=employment, end_date=datetime.date(2019, 12, 31)
        )
    assert "end_date" in info.value.message_dict
    assert Employment.objects.get(pk=employment.pk).end_date is None


# --- Equality monitoring ----------------------------------------------------------------


@pytest.fixture
def owner(reference_data):
    return UserFactory(person=PersonFactory())


ANSWERS = {
    "ethnic_category": "N",
    "ethnicity_2021": "B2",
    "sex": "F",
    "gender_identity": "Y",
    "disability": "Y",
    "sexual_orientation": "3",
    "religion": "ISL",
}


def test_first_answers_create_the_record_at_version_1(owner):
    record = services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    assert record.version == 1
    assert record.ethnic_category == "N"


def test_changing_answers_bumps_the_version(owner):
    services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    record = services.equality_monitoring_update(
        person=owner.person, actor=owner, data={**ANSWERS, "religion": "PNS"}, expected_version=1
    )
    assert (record.version, record.religion) == (2, "PNS")


def test_a_stale_version_is_a_conflict_and_writes_nothing(owner):
    services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    services.equality_monitoring_update(
        person=owner.person, actor=owner, data={**ANSWERS, "sex": "M"}, expected_version=1
    )
    with pytest.raises(services.EqualityMonitoringConflict) as info:
        services.equality_monitoring_update(
            person=owner.person, actor=owner, data={**ANSWERS, "sex": "PNS"}, expected_version=1
        )
    assert (info.value.expected_version, info.value.current_version) == (1, 2)
    assert EqualityMonitoring.objects.get(person=owner.person).sex == "M"
    assert AuditEvent.objects.filter(action="equality_monitoring_updated").count() == 2


def test_a_second_first_save_from_another_tab_is_a_conflict(owner):
    services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    with pytest.raises(services.EqualityMonitoringConflict):
        services.equality_monitoring_update(
            person=owner.person, actor=owner, data=ANSWERS, expected_version=0
        )


def test_the_audit_names_changed_questions_but_never_the_answers(owner):
    services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    services.equality_monitoring_update(
        person=owner.person,
        actor=owner,
        data={**ANSWERS, "religion": "JUD", "disability": "N"},
        expected_version=1,
    )
    events = list(AuditEvent.objects.filter(action="equality_monitoring_updated").order_by("id"))
    assert events[1].after["questions_changed"] == ["disability", "religion"]
    codes = set(ANSWERS.values()) | {"JUD", "N"}
    for event in events:
        assert event.organisation_id is None
        text = f"{event.object_repr} {event.before} {event.after}"
        for question in EqualityMonitoring.QUESTIONS:
            assert f"'{question}': " not in text
        for value in (event.before or {}).values():
            assert value not in codes
        for key, value in (event.after or {}).items():
            assert key in {"version", "questions_changed"}
            if key == "version":
                assert isinstance(value, int)
    labels = set(EqualityOption.objects.values_list("label", flat=True))
    assert not any(label in str(e.after) for e in events for label in labels)


def test_saving_the_same_answers_again_writes_nothing(owner):
    services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    record = services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=1
    )
    assert record.version == 1
    assert AuditEvent.objects.filter(action="equality_monitoring_updated").count() == 1


def test_an_unknown_code_is_refused(owner):
    with pytest.raises(ValidationError) as info:
        services.equality_monitoring_update(
            person=owner.person, actor=owner, data={"sex": "X"}, expected_version=0
        )
    assert "sex" in info.value.message_dict
    assert not EqualityMonitoring.objects.exists()


def test_only_the_person_can_change_their_answers(owner):
    someone_else = UserFactory(person=PersonFactory())
    with pytest.raises(PermissionDenied):
        services.equality_monitoring_update(
            person=owner.person, actor=someone_else, data=ANSWERS, expected_version=0
        )
    assert not EqualityMonitoring.objects.exists()


def test_person_str_in_the_audit_trail_carries_no_answers(owner):
    record = services.equality_monitoring_update(
        person=owner.person, actor=owner, data=ANSWERS, expected_version=0
    )
    assert str(record) == f"Equality monitoring for person {owner.person.pk}"
    assert isinstance(record.person, Person)
