import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.appraisals.models import (
    Appraisal,
    Cycle,
    CycleException,
    OrganisationalPriority,
    Template,
)
from carelead.appraisals.tests.factories import AppraisalFactory, PriorityFactory
from carelead.appraisals.tests.factories_cycles import CycleExceptionFactory, draft_cycle
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.tests.factories import FrameworkFactory


@pytest.fixture
def lead_client(client, world):
    client.force_login(world.user("people_lead"))
    return client


def date_fields(name, value: datetime.date) -> dict:
    return {
        f"{name}[day]": str(value.day),
        f"{name}[month]": str(value.month),
        f"{name}[year]": str(value.year),
    }


def open_cycle_with(world, size: int) -> Cycle:
    cycle = draft_cycle(world.trust)
    cycle.status = Cycle.Status.OPEN
    cycle.save()
    stage = cycle.framework_version.stages.get(code="fundamental")
    manager = world.employments["line_manager"]
    for _ in range(size):
        AppraisalFactory(
            cycle=cycle,
            employment=EmploymentFactory(organisation=world.trust, line_manager=manager),
            stage=stage,
        )
    CycleExceptionFactory(cycle=cycle)
    return cycle


def test_people_lead_creates_a_cycle(lead_client, world):
    cycle = draft_cycle(world.trust)
    template = cycle.template
    data = {"organisation": world.trust.ods_code, "template": template.code, "title": "2026"}
    data |= date_fields("opens_on", datetime.date(2026, 4, 1))
    data |= date_fields("preparation_due_on", datetime.date(2026, 6, 30))
    data |= date_fields("discussion_due_on", datetime.date(2026, 9, 30))
    data |= date_fields("sign_off_due_on", datetime.date(2026, 10, 31))
    data |= date_fields("closes_on", datetime.date(2027, 3, 31))
    assert lead_client.get(reverse("appraisals:cycle_create")).status_code == 200
    response = lead_client.post(reverse("appraisals:cycle_create"), data)
    created = Cycle.objects.get(title="2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("appraisals:cycle_detail", kwargs={"pk": created.pk})
    assert created.framework_version == cycle.framework_version


def test_bad_dates_are_shown_against_the_field(lead_client, world):
    cycle = draft_cycle(world.trust)
    data = {"organisation": world.trust.ods_code, "template": cycle.template.code, "title": "X"}
    data |= date_fields("opens_on", datetime.date(2026, 4, 1))
    data |= date_fields("preparation_due_on", datetime.date(2026, 3, 1))
    data |= date_fields("discussion_due_on", datetime.date(2026, 9, 30))
    data |= date_fields("sign_off_due_on", datetime.date(2026, 10, 31))
    response = lead_client.post(reverse("appraisals:cycle_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The preparation deadline must be on or after the cycle opening date" in page
    assert "Enter the closing date" in page
    assert Cycle.objects.count() == 1


def test_people_lead_opens_a_cycle_and_sees_the_counts(lead_client, world):
    cycle = draft_cycle(world.trust)
    url = reverse("appraisals:cycle_open", kwargs={"pk": cycle.pk})
    assert "Open the cycle" in lead_client.get(url).content.decode()
    response = lead_client.post(url, follow=True)
    page = response.content.decode()
    # The staff member has a current line manager; everyone else in the world's trust has none.
    created = Appraisal.objects.filter(cycle=cycle).count()
    exceptions = CycleException.objects.filter(cycle=cycle).count()
    assert created == 1 and exceptions > 0
    assert f"1 appraisal created, {exceptions} exceptions to resolve" in page
    again = lead_client.post(url)
    assert again.status_code == 200 and "already open" in again.content.decode()
    assert Appraisal.objects.filter(cycle=cycle).count() == 1


def test_resolving_an_exception_by_assignment_number(lead_client, world):
    cycle = open_cycle_with(world, 0)
    exception = cycle.exceptions.get()
    url = reverse("appraisals:exception_resolve", kwargs={"pk": exception.pk})
    response = lead_client.post(url, {"decision": "assign", "assignment_number": "NOPE"})
    assert "No one with assignment number NOPE works at" in response.content.decode()
    manager = world.employments["line_manager"]
    response = lead_client.post(
        url, {"decision": "assign", "assignment_number": manager.assignment_number}
    )
    assert response.status_code == 302
    assert Appraisal.objects.get(cycle=cycle).appraiser == manager.person


def test_excluding_needs_a_reason(lead_client, world):
    exception = open_cycle_with(world, 0).exceptions.get()
    url = reverse("appraisals:exception_resolve", kwargs={"pk": exception.pk})
    response = lead_client.post(url, {"decision": "exclude"})
    assert "Enter the reason the person is not appraised" in response.content.decode()
    lead_client.post(url, {"decision": "exclude", "exclude_reason": "Leaving in May"})
    exception.refresh_from_db()
    assert exception.resolution == CycleException.Resolution.EXCLUDED


def test_the_appraiser_delegates_from_the_delegate_page(client, world):
    cycle = open_cycle_with(world, 1)
    appraisal = cycle.appraisals.get()
    client.force_login(world.user("line_manager"))
    url = reverse("appraisals:delegate", kwargs={"pk": appraisal.pk})
    assert client.get(url).status_code == 200
    new = world.employments["people_lead"]
    response = client.post(
        url,
        {"assignment_number": new.assignment_number, "reason": "Long leave", "version": 1},
    )
    assert response.status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.appraiser == new.person
    # The old appraiser no longer has a role on it.
    assert client.get(url).status_code == 404


def test_a_stale_delegate_page_keeps_the_input(lead_client, world):
    appraisal = open_cycle_with(world, 1).appraisals.get()
    url = reverse("appraisals:delegate", kwargs={"pk": appraisal.pk})
    new = world.employments["people_lead"]
    response = lead_client.post(
        url, {"assignment_number": new.assignment_number, "reason": "Typed text", "version": 9}
    )
    page = response.content.decode()
    assert "Someone else changed this appraisal" in page
    assert "Typed text" in page


def test_other_organisations_cycles_answer_404(client, world):
    cycle = draft_cycle(world.other_trust)
    exception = CycleExceptionFactory(cycle=cycle)
    client.force_login(world.user("people_lead"))
    for name, pk in (
        ("appraisals:cycle_detail", cycle.pk),
        ("appraisals:cycle_open", cycle.pk),
        ("appraisals:exception_resolve", exception.pk),
    ):
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404
    assert client.post(reverse("appraisals:cycle_open", kwargs={"pk": cycle.pk})).status_code == 404
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.DRAFT


def test_cycle_list_shows_counts_in_constant_queries(lead_client, world):
    open_cycle_with(world, 2)
    with CaptureQueriesContext(connection) as few:
        response = lead_client.get(reverse("appraisals:cycle_list"))
    assert response.status_code == 200
    for _ in range(3):
        open_cycle_with(world, 6)
    with CaptureQueriesContext(connection) as many:
        lead_client.get(reverse("appraisals:cycle_list"))
    assert len(few) == len(many)


def test_cycle_detail_lists_appraisals_in_constant_queries(lead_client, world):
    small = open_cycle_with(world, 2)
    big = open_cycle_with(world, 20)
    counts = []
    for cycle in (small, big):
        with CaptureQueriesContext(connection) as queries:
            response = lead_client.get(reverse("appraisals:cycle_detail", kwargs={"pk": cycle.pk}))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    page = response.content.decode()
    assert "Exceptions to resolve" in page and "20 appraisals, by name" in page


def test_priorities_are_added_and_stopped(lead_client, world):
    url = reverse("appraisals:priority_list")
    response = lead_client.post(url, {"action": "add", "title": "", "description": ""})
    assert "Enter the priority" in response.content.decode()
    lead_client.post(url, {"action": "add", "title": "Shorter waits", "description": ""})
    priority = OrganisationalPriority.objects.get(organisation=world.trust)
    lead_client.post(url, {"action": "deactivate", "priority": priority.pk})
    priority.refresh_from_db()
    assert not priority.is_active
    assert "Shorter waits" in lead_client.get(url).content.decode()


def test_priorities_of_another_organisation_answer_404(lead_client, world):
    other = PriorityFactory(organisation=world.other_trust)
    url = reverse("appraisals:priority_list")
    assert lead_client.get(url, {"organisation": world.other_trust.ods_code}).status_code == 404
    response = lead_client.post(url, {"action": "deactivate", "priority": other.pk})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_load_appraisal_templates_command(db, capsys):
    with pytest.raises(CommandError, match="load_frameworks"):
        call_command("load_appraisal_templates")
    FrameworkFactory(slug="management-leadership")
    FrameworkFactory(slug="board-lcf-2024", title="Board framework")
    call_command("load_appraisal_templates")
    assert "Created: staff" in capsys.readouterr().out
    assert Template.objects.count() == 2
