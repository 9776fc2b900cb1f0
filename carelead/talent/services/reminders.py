"""Career conversation reminders, for cron or the task worker: before the planned date,
once the planned date has passed without the conversation being recorded as held, and once
a held conversation has waited too long for its outcome. Both people get each one.

Emails name the two people and the dates only: never the reflection, notes or position,
which stay private to the two of them in carelead.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from carelead.core.reminders import Outcome, send_once
from carelead.talent.conf import setting
from carelead.talent.models import CareerConversation, ConversationReminder
from carelead.talent.selectors.conversations import HELD_WITH, INDIVIDUAL

Status = CareerConversation.Status
RULES = ("upcoming", "not_held", "outcome")


def _candidates(rule: str, today: datetime.date):
    if rule == "upcoming":
        before = setting("CARELEAD_CONVERSATION_REMIND_DAYS_BEFORE")
        window = Q(
            status=Status.PREPARING,
            planned_on__gte=today,
            planned_on__lte=today + datetime.timedelta(days=before),
        )
    elif rule == "not_held":
        after = setting("CARELEAD_CONVERSATION_REMIND_DAYS_AFTER")
        window = Q(status=Status.PREPARING, planned_on__lte=today - datetime.timedelta(days=after))
    else:
        days = setting("CARELEAD_CONVERSATION_OUTCOME_REMIND_DAYS")
        window = Q(status=Status.HELD, held_on__lte=today - datetime.timedelta(days=days))
    return (
        CareerConversation.objects.filter(window)
        .select_related("person", "held_with")
        .order_by("pk")
    )


def _kind(rule: str, conversation: CareerConversation, role: str) -> str:
    # The planned date is part of the kind: a conversation moved to a new date is reminded
    # again for that date, but never twice for the same one.
    if rule == "outcome":
        return f"outcome_{role}"
    return f"{rule}_{conversation.planned_on:%Y%m%d}_{role}"


def _message(rule: str, conversation: CareerConversation, role: str, link: str):
    other = conversation.held_with if role == INDIVIDUAL else conversation.person
    with_whom = (
        f"your career conversation with {other.full_name}"
        if role == INDIVIDUAL
        else f"the career conversation you are holding with {other.full_name}"
    )
    if rule == "upcoming":
        day = f"{conversation.planned_on:%-d %B %Y}"
        subject = f"Reminder: career conversation with {other.full_name} on {day}"
        prepare = "your reflection" if role == INDIVIDUAL else "your preparation notes"
        opening = (
            f"This is a reminder of {with_whom}, planned for {day}. You can write {prepare} "
            "in carelead before then."
        )
    elif rule == "not_held":
        day = f"{conversation.planned_on:%-d %B %Y}"
        subject = f"Was your career conversation with {other.full_name} held?"
        # Only the individual can move their conversation (with their reflection).
        moved = (
            "change the planned date where you write your reflection"
            if role == INDIVIDUAL
            else f"{other.full_name} can change the planned date"
        )
        opening = (
            f"{with_whom[0].upper()}{with_whom[1:]} was planned for {day}. If it has been held, "
            f"record it as held with what you agreed. If it has moved, {moved}."
        )
    else:
        day = f"{conversation.held_on:%-d %B %Y}"
        subject = f"Record the outcome of the career conversation with {other.full_name}"
        opening = (
            f"{with_whom[0].upper()}{with_whom[1:]} was held on {day}. Record its outcome, "
            "so that the aspirational development plan can go ahead."
        )
    body = (
        f"{opening}\n\nOpen the conversation: {link}\n\n"
        "This is an automatic reminder from carelead."
    )
    return subject, body


def conversation_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Email the career conversation reminders that are due, to both people. Each sent
    reminder is a ConversationReminder row, so none goes twice however often this runs.
    People without an email address are counted as ``skipped`` and looked at again next
    time; a failed send is counted as ``failed`` and retried next time. Returns ``sent``,
    ``skipped``, ``failed`` and a count per rule."""
    today = today or timezone.localdate()
    site = setting("CARELEAD_SITE_URL").rstrip("/")
    counts: dict[str, int] = {"sent": 0, "skipped": 0, "failed": 0}
    for rule in RULES:
        # A list, not an iterator: the loop writes reminder rows.
        candidates = list(_candidates(rule, today))
        sent = set(
            ConversationReminder.objects.filter(conversation__in=candidates).values_list(
                "conversation_id", "kind"
            )
        )
        for conversation in candidates:
            link = site + reverse("talent:conversation_detail", kwargs={"pk": conversation.pk})
            for role in (INDIVIDUAL, HELD_WITH):
                kind = _kind(rule, conversation, role)
                if (conversation.pk, kind) in sent:
                    continue
                to = conversation.person if role == INDIVIDUAL else conversation.held_with
                if not to.email:
                    counts["skipped"] += 1
                    continue
                subject, body = _message(rule, conversation, role, link)
                outcome = send_once(
                    record=lambda c=conversation, k=kind: ConversationReminder.objects.create(
                        conversation=c, kind=k
                    ),
                    action="career_conversation_reminder_sent",
                    after={"conversation": conversation.pk, "kind": kind},
                    organisation_id=conversation.organisation_id,
                    to=to.email,
                    subject=subject,
                    body=body,
                )
                if outcome == Outcome.FAILED:
                    counts["failed"] += 1
                elif outcome == Outcome.SENT:
                    counts["sent"] += 1
                    counts[rule] = counts.get(rule, 0) + 1
    return counts
