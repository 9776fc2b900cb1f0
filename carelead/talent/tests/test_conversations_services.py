"""Career conversation writes: who may do what, the transition table, optimistic locking,
clear errors and audit rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carelead.appraisals.models import Appraisal
from carelead.core.models import AuditEvent
from carelead.learning.tests.factories import ProgrammeFactory
from carelead.people.tests.factories import PersonFactory
from carelead.talent.models import AspirationalPlanItem, CareerConversation, Pathway
from carelead.talent.services import conversations as services
from carelead.talent.tests.factories import (
    AspirationalPlanItemFactory,
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


def _actions():
    events = AuditEvent.objects.filter(
        object_type__in=["talent.careerconversation", "talent.aspirationalplanitem"]
    )
    return list(events.order_by("pk").values_list("action", flat=True))


class TestStart:
    def test_defaults_to_line_manager_and_starts_from_latest_aspiration(self, world):
        scope_for_growth()
        employment = world.employments["staff"]
        aspiration_appraisal(employment, opens_on=datetime.date(2024, 4, 1), aspiration="depth")
        newest = aspiration_appraisal(employment, opens_on=datetime.date(2025, 4, 1))
        aspiration_appraisal(
            employment,
            opens_on=datetime.date(2026, 4, 1),
            status=Appraisal.Status.CANCELLED,
        )
        conversation = services.conversation_start(
            actor=world.user("staff"), planned_on=datetime.date(2026, 12, 10)
        )
        assert conversation.held_with == world.employments["line_manager"].person
        assert conversation.held_with_role == "line_manager"
        assert conversation.organisation == world.trust
        assert conversation.appraisal == newest
        assert conversation.status == Status.PREPARING
        assert _actions() == ["career_conversation_started"]

    def test_someone_else_by_email(self, world):
        scope_for_growth()
        coach = PersonFactory(email="Coach@Example.nhs.uk")
        conversation = services.conversation_start(
            actor=world.user("staff"),
            held_with_role="coach",
            held_with_email="coach@example.nhs.uk",
        )
        assert conversation.held_with == coach

    def test_unknown_email_says_so_on_the_field(self, world):
        scope_for_growth()
        with pytest.raises(ValidationError) as error:
            services.conversation_start(
                actor=world.user("staff"), held_with_role="other", held_with_email="no@x.org"
            )
        assert "Nobody in carelead" in error.value.message_dict["held_with_email"][0]
        assert not CareerConversation.objects.exists()

    def test_no_line_manager_asks_for_someone_else(self, world):
        scope_for_growth()
        with pytest.raises(ValidationError) as error:
            services.conversation_start(actor=world.user("line_manager"))
        assert "held_with_role" in error.value.message_dict

    def test_cannot_hold_it_with_yourself(self, world):
        scope_for_growth()
        world.employments["staff"].person.email = "sam@x.nhs.uk"
        world.employments["staff"].person.save()
        with pytest.raises(ValidationError):
            services.conversation_start(
                actor=world.user("staff"), held_with_role="other", held_with_email="sam@x.nhs.uk"
            )


class TestPreparing:
    def test_reflection_is_the_individuals_only(self, world):
        conversation = staff_conversation(world)
        services.conversation_reflection_update(
            actor=world.user("staff"),
            conversation=conversation,
            expected_version=1,
            individual_reflection="I want to lead a ward.",
        )
        conversation.refresh_from_db()
        assert conversation.individual_reflection == "I want to lead a ward."
        assert conversation.version == 2
        with pytest.raises(ValidationError):
            services.conversation_reflection_update(
                actor=world.user("line_manager"),
                conversation=conversation,
                expected_version=2,
                individual_reflection="Edited by the manager",
            )

    def test_preparation_is_the_other_persons_only(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError):
            services.conversation_preparation_update(
                actor=world.user("staff"),
                conversation=conversation,
                expected_version=1,
                preparation_notes="x",
            )
        services.conversation_preparation_update(
            actor=world.user("line_manager"),
            conversation=conversation,
            expected_version=1,
            preparation_notes="Strong on the ward.",
        )
        audit = AuditEvent.objects.get(action="career_conversation_preparation_updated")
        # The audit says it changed, never what the notes say.
        assert "Strong" not in str(audit.after)

    def test_stale_version_is_refused_and_nothing_changes(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError) as error:
            services.conversation_reflection_update(
                actor=world.user("staff"),
                conversation=conversation,
                expected_version=7,
                individual_reflection="late",
            )
        assert error.value.code == "stale"
        conversation.refresh_from_db()
        assert conversation.individual_reflection == ""
        assert conversation.version == 1


class TestTransitions:
    def test_held_then_recorded(self, world):
        conversation = staff_conversation(world)
        services.conversation_hold(
            actor=world.user("line_manager"),
            conversation=conversation,
            expected_version=1,
            **held_values(),
        )
        services.conversation_record(
            actor=world.user("staff"),
            conversation=conversation,
            expected_version=2,
            outcome="Agreed to act up in the spring.",
        )
        conversation.refresh_from_db()
        assert conversation.status == Status.RECORDED
        assert conversation.recorded_at is not None
        assert (conversation.impact, conversation.growth_wanted) == (2, "stretch")
        assert _actions() == ["career_conversation_held", "career_conversation_recorded"]

    def test_hold_checks_every_field_and_says_where(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError) as error:
            services.conversation_hold(
                actor=world.user("staff"),
                conversation=conversation,
                expected_version=1,
                **held_values(
                    held_on=datetime.date.today() + datetime.timedelta(days=3),
                    impact=4,
                    growth_now="upwards",
                    where_next=" ",
                ),
            )
        assert set(error.value.message_dict) == {"held_on", "impact", "growth_now", "where_next"}

    def test_cannot_record_before_held(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError) as error:
            services.conversation_record(
                actor=world.user("staff"),
                conversation=conversation,
                expected_version=1,
                outcome="x",
            )
        assert error.value.code == "status"
        conversation.refresh_from_db()
        assert conversation.version == 1

    def test_only_the_individual_cancels(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError):
            services.conversation_cancel(
                actor=world.user("line_manager"), conversation=conversation, expected_version=1
            )
        services.conversation_cancel(
            actor=world.user("staff"), conversation=conversation, expected_version=1
        )
        conversation.refresh_from_db()
        assert conversation.status == Status.CANCELLED

    def test_outsiders_cannot_act(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError):
            services.conversation_hold(
                actor=world.user("people_lead"),
                conversation=conversation,
                expected_version=1,
                **held_values(),
            )


class TestPlan:
    def test_add_edit_remove_until_recorded(self, world):
        conversation = staff_conversation(world)
        programme = ProgrammeFactory()
        item = services.plan_item_add(
            actor=world.user("line_manager"),
            conversation=conversation,
            expected_version=1,
            description="Shadow the ward manager",
            category="stretch",
            programme=programme,
        )
        services.plan_item_update(
            actor=world.user("staff"),
            item=item,
            expected_version=2,
            description="Shadow the ward manager for a month",
            category="stretch",
            status="in_progress",
        )
        item.refresh_from_db()
        assert item.status == "in_progress" and item.programme is None
        services.plan_item_remove(actor=world.user("staff"), item=item, expected_version=3)
        assert not AspirationalPlanItem.objects.exists()
        assert AspirationalPlanItem.all_objects.get(pk=item.pk).removed_at is not None
        assert _actions()[-1] == "aspirational_plan_item_removed"

    def test_after_recorded_only_status_changes(self, world):
        conversation = staff_conversation(world, status=Status.RECORDED)
        item = AspirationalPlanItemFactory(conversation=conversation)
        with pytest.raises(ValidationError):
            services.plan_item_update(
                actor=world.user("staff"),
                item=item,
                expected_version=1,
                description="changed",
                category="depth",
            )
        services.plan_item_status_set(
            actor=world.user("staff"), item=item, expected_version=1, status="done"
        )
        item.refresh_from_db()
        assert item.status == "done"

    def test_bad_item_says_what(self, world):
        conversation = staff_conversation(world)
        with pytest.raises(ValidationError) as error:
            services.plan_item_add(
                actor=world.user("staff"),
                conversation=conversation,
                expected_version=1,
                description="",
                category="sideways",
            )
        assert set(error.value.message_dict) == {"description", "category"}

    def test_a_step_can_work_towards_a_published_pathway_step(self, world):
        conversation = staff_conversation(world)
        step = PathwayStepFactory(title="PCN clinical director")
        item = services.plan_item_add(
            actor=world.user("staff"),
            conversation=conversation,
            expected_version=1,
            description="Lead the practice's quality improvement work",
            category="breadth",
            pathway_step=step,
        )
        item.refresh_from_db()
        assert item.pathway_step == step
        event = AuditEvent.objects.filter(action="aspirational_plan_item_added").get()
        assert event.after["pathway_step"] == step.pk

    def test_a_pathway_that_is_not_published_is_refused_but_a_kept_one_stays(self, world):
        conversation = staff_conversation(world)
        draft = PathwayStepFactory(pathway__status=Pathway.Status.DRAFT, pathway__title="Draft")
        with pytest.raises(ValidationError) as error:
            services.plan_item_add(
                actor=world.user("staff"),
                conversation=conversation,
                expected_version=1,
                description="Shadow a clinical director",
                category="stretch",
                pathway_step=draft,
            )
        assert error.value.message_dict == {
            "pathway_step": ["Draft is not published: choose another pathway step"]
        }
        assert not AspirationalPlanItem.all_objects.exists()
        # A step already aiming at a pathway retired since keeps it when saved again.
        retired = PathwayStepFactory(pathway__status=Pathway.Status.RETIRED)
        item = AspirationalPlanItemFactory(conversation=conversation, pathway_step=retired)
        services.plan_item_update(
            actor=world.user("staff"),
            item=item,
            expected_version=1,
            description="Shadow a clinical director for longer",
            category="stretch",
            pathway_step=retired,
        )
        item.refresh_from_db()
        assert item.pathway_step == retired and item.description.endswith("for longer")
