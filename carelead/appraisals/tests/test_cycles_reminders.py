import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from carelead.appraisals.models import Appraisal, Cycle, Reminder, Template
from carelead.appraisals.services import cycles as services
from carelead.appraisals.tasks import appraisal_reminders_process
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory
from carelead.appraisals.tests.factories_cycles import ml_version_with_mappings
from carelead.organisations.tests.factories import TrustFactory
from carelead.people.tests.factories import EmploymentFactory

S = Appraisal.Status
# The cycle's deadlines (CycleFactory): preparation 30 June, discussion 30 September,
# sign-off 31 October 2026.
PREP_SOON = datetime.date(2026, 6, 20)
PREP_LATE = datetime.date(2026, 7, 7)


@pytest.fixture(autouse=True)
def _detail_link(monkeypatch):
    """The appraisal page belongs to the workflow area; stand in for it until it exists."""
    try:
        reverse("appraisals:detail", kwargs={"pk": 1})
    except NoReverseMatch:
        monkeypatch.setattr(services, "_detail_path", lambda pk: f"/appraisals/{pk}/")


@pytest.fixture
def cycle(db):
    version = ml_version_with_mappings()
    template = Template.objects.create(
        code="staff", title="Staff", kind="staff", framework=version.framework
    )
    return CycleFactory(organisation=TrustFactory(), template=template, framework_version=version)


def appraisal_in(cycle, status=S.NOT_STARTED, **person):
    manager = EmploymentFactory(organisation=cycle.organisation, management_level=2)
    employment = EmploymentFactory(organisation=cycle.organisation, line_manager=manager)
    for name, value in person.items():
        setattr(employment.person, name, value)
    employment.person.save()
    return AppraisalFactory(
        cycle=cycle,
        employment=employment,
        status=status,
        stage=cycle.framework_version.stages.get(code="fundamental"),
    )


def test_the_appraisee_is_reminded_before_preparation_is_due_once_only(cycle, settings):
    settings.CARELEAD_SITE_URL = "https://carelead.example"
    appraisal = appraisal_in(cycle, S.PREPARING)
    counts = services.appraisal_reminders_send(today=PREP_SOON)
    assert counts["sent"] == 1 and counts["preparation_before"] == 1
    (message,) = mail.outbox
    assert message.to == [appraisal.person.email]
    assert "30 June 2026" in message.subject
    assert f"https://carelead.example/appraisals/{appraisal.pk}/" in message.body
    assert Reminder.objects.get().kind == "preparation_before"

    again = services.appraisal_reminders_send(today=PREP_SOON)
    assert again["sent"] == 0 and len(mail.outbox) == 1


def test_after_the_deadline_the_appraisee_and_appraiser_are_reminded(cycle):
    appraisal = appraisal_in(cycle)
    counts = services.appraisal_reminders_send(today=PREP_LATE)
    assert counts["preparation_after"] == 1
    assert [m.to for m in mail.outbox] == [[appraisal.person.email]]
    assert "Overdue" in mail.outbox[0].subject

    late_for_discussion = datetime.date(2026, 10, 7)
    counts = services.appraisal_reminders_send(today=late_for_discussion)
    assert counts["discussion_after"] == 1
    assert mail.outbox[-1].to == [appraisal.appraiser.email]


def test_nothing_goes_too_early_or_for_appraisals_past_the_step(cycle):
    appraisal_in(cycle, S.READY_TO_DISCUSS)
    appraisal_in(cycle, S.COMPLETED)
    assert services.appraisal_reminders_send(today=datetime.date(2026, 6, 1))["sent"] == 0
    counts = services.appraisal_reminders_send(today=PREP_SOON)
    assert counts["sent"] == 0


def test_sign_off_reminders_go_to_whoever_has_the_next_step(cycle):
    waiting_for_appraisee = appraisal_in(cycle, S.AWAITING_SIGN_OFF)
    waiting_for_appraiser = appraisal_in(cycle, S.DISCUSSED)
    counts = services.appraisal_reminders_send(today=datetime.date(2026, 10, 25))
    assert counts["sign_off_appraisee_before"] == 1
    assert counts["sign_off_appraiser_before"] == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [waiting_for_appraisee.person.email, waiting_for_appraiser.appraiser.email]
    )


def test_people_without_email_are_skipped_and_tried_again(cycle):
    appraisal = appraisal_in(cycle, email="")
    assert services.appraisal_reminders_send(today=PREP_SOON)["skipped"] == 1
    assert not Reminder.objects.exists()
    appraisal.person.email = "found@example.nhs.uk"
    appraisal.person.save()
    assert services.appraisal_reminders_send(today=PREP_SOON)["sent"] == 1


def test_no_reminders_for_cycles_that_are_not_open(cycle):
    appraisal_in(cycle)
    cycle.status = Cycle.Status.CLOSED
    cycle.save()
    assert services.appraisal_reminders_send(today=PREP_LATE)["sent"] == 0


def test_settings_change_the_windows(cycle, settings):
    settings.CARELEAD_APPRAISAL_REMIND_DAYS_BEFORE = 3
    appraisal_in(cycle)
    assert services.appraisal_reminders_send(today=PREP_SOON)["sent"] == 0
    assert services.appraisal_reminders_send(today=datetime.date(2026, 6, 28))["sent"] == 1


def test_the_task_and_the_command_send_them(cycle, capsys):
    appraisal_in(cycle)
    appraisal_reminders_process.call()
    call_command("send_appraisal_reminders", "--today", "2026-06-20")
    assert "Sent 1 reminder" in capsys.readouterr().out
