"""Career conversation pages: the individual's journey, the other person's view, what each
sees, 404 outside the two of them, stale forms, and query counts that do not grow with rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.people.tests.factories import EmploymentFactory
from carelead.talent.models import AspirationalPlanItem, CareerConversation
from carelead.talent.tests.factories import (
    AspirationalPlanItemFactory,
    CareerConversationFactory,
    PathwayStepFactory,
    scope_for_growth,
)
from carelead.talent.tests.factories_conversations import (
    aspiration_appraisal,
    held_values,
    staff_conversation,
)

pytestmark = pytest.mark.django_db

Status = CareerConversation.Status


def _date(prefix, day):
    return {f"{prefix}[day]": day.day, f"{prefix}[month]": day.month, f"{prefix}[year]": day.year}


def _as(client, world, persona):
    client.force_login(world.user(persona))
    return client


def test_individual_starts_one_from_their_appraisal_aspiration(client, world):
    scope_for_growth()
    aspiration_appraisal(
        world.employments["staff"],
        opens_on=datetime.date(2025, 4, 1),
        note="I would like to lead a ward one day.",
    )
    _as(client, world, "staff")
    page = client.get(reverse("talent:conversation_start"))
    assert "Your starting point" in page.text and "lead a ward one day" in page.text
    assert "Your line manager is Maria Manager" in page.text
    response = client.post(
        reverse("talent:conversation_start"),
        {"held_with_role": "line_manager", **_date("planned_on", datetime.date(2026, 12, 1))},
    )
    conversation = CareerConversation.objects.get()
    assert conversation.planned_on == datetime.date(2026, 12, 1)
    assert response.status_code == 302
    assert response.url == reverse("talent:conversation_detail", kwargs={"pk": conversation.pk})
    detail = client.get(response.url)
    assert "Stretch" in detail.text and "Maria Manager" in detail.text


def test_start_with_an_unknown_email_shows_the_error_summary(client, world):
    scope_for_growth()
    _as(client, world, "staff")
    response = client.post(
        reverse("talent:conversation_start"),
        {"held_with_role": "coach", "held_with_email": "nobody@example.org"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Nobody in carelead has that email address" in response.text
    assert 'href="#id_held_with_email"' in response.text


def test_preparation_notes_hidden_from_the_individual_until_held(client, world):
    conversation = staff_conversation(world, preparation_notes="Ready to act up soon.")
    url = reverse("talent:conversation_detail", kwargs={"pk": conversation.pk})
    assert "Ready to act up" not in _as(client, world, "staff").get(url).text
    assert "Ready to act up" in _as(client, world, "line_manager").get(url).text
    CareerConversation.objects.filter(pk=conversation.pk).update(
        status=Status.HELD, **held_values()
    )
    assert "Ready to act up" in _as(client, world, "staff").get(url).text


def test_held_with_the_agreed_position_on_the_grid_in_words(client, world):
    conversation = staff_conversation(world)
    _as(client, world, "line_manager")
    values = held_values()
    response = client.post(
        reverse("talent:conversation_held", kwargs={"pk": conversation.pk}),
        {
            "version": 1,
            **_date("held_on", values.pop("held_on")),
            **{k: str(v) for k, v in values.items()},
        },
    )
    assert response.status_code == 302
    detail = client.get(response.url).text
    assert "Strong impact" in detail
    # Both marks are words in their cells, not colours.
    assert "<strong>Now</strong>" in detail and "<strong>Wanted</strong>" in detail
    assert "Record the outcome" in detail


def test_a_stale_form_says_someone_else_changed_it_and_keeps_the_input(client, world):
    conversation = staff_conversation(world)
    CareerConversation.objects.filter(pk=conversation.pk).update(version=2)
    _as(client, world, "staff")
    response = client.post(
        reverse("talent:conversation_reflection", kwargs={"pk": conversation.pk}),
        {"version": 1, "individual_reflection": "My words"},
    )
    assert "Someone else changed this career conversation" in response.text
    assert "My words" in response.text
    assert 'name="version" value="2"' in response.text


def test_people_lead_cannot_open_a_conversation(client, world):
    conversation = staff_conversation(world)
    url = reverse("talent:conversation_detail", kwargs={"pk": conversation.pk})
    assert _as(client, world, "people_lead").get(url).status_code == 404


def test_forms_the_status_no_longer_allows_go_back_with_a_message(client, world):
    conversation = staff_conversation(world, status=Status.RECORDED, **held_values())
    _as(client, world, "staff")
    response = client.get(reverse("talent:conversation_held", kwargs={"pk": conversation.pk}))
    assert response.status_code == 302


def test_after_recorded_a_plan_step_only_changes_status(client, world):
    conversation = staff_conversation(world, status=Status.RECORDED, **held_values())
    item = AspirationalPlanItemFactory(conversation=conversation)
    _as(client, world, "line_manager")
    url = reverse("talent:conversation_plan_edit", kwargs={"pk": item.pk})
    page = client.get(url).text
    assert 'name="description"' not in page and 'name="status"' in page
    client.post(url, {"version": 1, "status": "done"})
    item.refresh_from_db()
    assert item.status == AspirationalPlanItem.Status.DONE


def test_a_plan_step_works_towards_a_pathway_step_and_links_to_it(client, world):
    conversation = staff_conversation(world, status=Status.HELD, **held_values())
    step = PathwayStepFactory(
        pathway__code="gp-leadership", pathway__title="GP leadership", order=2, title="PCN lead"
    )
    PathwayStepFactory(pathway__status="draft", title="Draft step")
    _as(client, world, "staff")
    url = reverse("talent:conversation_plan_add", kwargs={"pk": conversation.pk})
    form = client.get(url).text
    assert "PCN lead, step 2 of GP leadership" in form and "Draft step" not in form
    response = client.post(
        url,
        {
            "version": 1,
            "description": "Chair the PCN board",
            "category": "stretch",
            "pathway_step": step.pk,
        },
    )
    assert response.status_code == 302
    assert AspirationalPlanItem.objects.get().pathway_step == step
    detail = client.get(reverse("talent:conversation_detail", kwargs={"pk": conversation.pk}))
    link = reverse("talent:pathway", kwargs={"code": "gp-leadership"}) + "#step-2"
    assert f'<a href="{link}">PCN lead, step 2 of GP leadership</a>' in detail.text
    pathway = client.get(reverse("talent:pathway", kwargs={"code": "gp-leadership"})).text
    assert 'id="step-2"' in pathway


def test_a_pathway_step_not_on_the_list_says_what_is_wrong_and_keeps_the_answers(client, world):
    conversation = staff_conversation(world, status=Status.HELD, **held_values())
    draft = PathwayStepFactory(pathway__status="draft")
    _as(client, world, "staff")
    url = reverse("talent:conversation_plan_add", kwargs={"pk": conversation.pk})
    response = client.post(
        url,
        {
            "version": 1,
            "description": "Chair the PCN board",
            "category": "stretch",
            "pathway_step": draft.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a pathway step from the list" in response.text
    assert "Chair the PCN board" in response.text
    assert not AspirationalPlanItem.all_objects.exists()


def test_a_step_aiming_at_a_retired_pathway_keeps_it_when_changed(client, world):
    conversation = staff_conversation(world, status=Status.HELD, **held_values())
    retired = PathwayStepFactory(pathway__status="retired", pathway__title="Old route")
    item = AspirationalPlanItemFactory(conversation=conversation, pathway_step=retired)
    _as(client, world, "staff")
    detail = client.get(reverse("talent:conversation_detail", kwargs={"pk": conversation.pk}))
    assert "(pathway no longer published)" in detail.text
    url = reverse("talent:conversation_plan_edit", kwargs={"pk": item.pk})
    assert re.search(
        rf'<option value="{retired.pk}" selected\s*>[^<]* of Old route', client.get(url).text
    )
    response = client.post(
        url,
        {
            "version": 1,
            "description": "Still shadowing",
            "category": "stretch",
            "pathway_step": retired.pk,
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.pathway_step == retired and item.description == "Still shadowing"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_list_query_count_does_not_grow(client, world):
    _as(client, world, "staff")
    url = reverse("talent:conversations")
    staff_conversation(world)
    few = _count(client, url)
    for _ in range(4):
        staff_conversation(world)
    assert _count(client, url) == few


def test_held_list_query_count_does_not_grow(client, world):
    _as(client, world, "line_manager")
    manager = world.employments["line_manager"].person
    url = reverse("talent:conversations_held")
    CareerConversationFactory(held_with=manager)
    few = _count(client, url)
    for _ in range(4):
        CareerConversationFactory(held_with=manager)
    assert _count(client, url) == few


def test_detail_query_count_does_not_grow_with_plan_steps(client, world):
    conversation = staff_conversation(world, status=Status.HELD, **held_values())
    _as(client, world, "staff")
    url = reverse("talent:conversation_detail", kwargs={"pk": conversation.pk})
    AspirationalPlanItemFactory(conversation=conversation, pathway_step=PathwayStepFactory())
    few = _count(client, url)
    for _ in range(4):
        AspirationalPlanItemFactory(conversation=conversation, pathway_step=PathwayStepFactory())
    assert _count(client, url) == few


def test_organisation_counts_suppress_small_cells_and_name_nobody(client, world, settings):
    settings.CARELEAD_SUPPRESSION_MINIMUM = 3
    today = datetime.date.today()
    for _ in range(4):
        employment = EmploymentFactory(organisation=world.trust, management_level=1)
        CareerConversationFactory(
            employment=employment,
            status=Status.RECORDED,
            **held_values(held_on=today, impact=3, growth_now="breadth", growth_wanted="stretch"),
        )
    lone = CareerConversationFactory(
        employment=EmploymentFactory(organisation=world.trust, management_level=2),
        status=Status.RECORDED,
        **held_values(held_on=today, impact=1, growth_now="depth"),
    )
    _as(client, world, "people_lead")
    page = client.get(reverse("talent:conversations_organisation")).text
    assert "<strong>4</strong>" in page
    assert "<strong>1</strong>" not in page
    assert escape(lone.person.full_name) not in page
    # 5 recorded out of the line manager (level 2) and these 5 managers.
    assert "83% (5 of 6)" in page
