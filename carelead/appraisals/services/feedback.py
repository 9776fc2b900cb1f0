"""Writes for 360 feedback: open a request, invite raters, withdraw, remind, take a response,
close.

Anonymity is kept by what is written: a response records its relationship group only, the
invitation it came from records only that it was answered and on which day, and no audit
event names a response. Each invitation's link carries a random token of which only the
SHA-256 is stored; a reminder sends a fresh link (the old one stops working), because the
token itself is never kept.

These writes touch no field of the appraisal, so they do not bump ``Appraisal.version``: a
person editing their reflection is not interrupted by a rater answering, and the appraisal
carries no trace of when answers arrived.
"""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from carelead.appraisals.models import (
    Appraisal,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    Relationship,
)
from carelead.appraisals.selectors.access import appraisal_roles
from carelead.appraisals.selectors.feedback import is_closed, is_live
from carelead.appraisals.workflow import APPRAISEE, APPRAISER
from carelead.core.services.audit import audit_record
from carelead.people.models import Person

logger = logging.getLogger(__name__)

#: Automatic reminders go this many days before a request closes (each once).
REMINDER_DAYS_BEFORE = (7, 2)
MANAGERS = {APPRAISEE, APPRAISER}
S = FeedbackInvitation.Status


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh one-time token and its hash."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def respond_link(token: str) -> str:
    site = getattr(settings, "CARELEAD_SITE_URL", "http://localhost:8000").rstrip("/")
    return site + reverse("appraisals:feedback_respond", kwargs={"token": token})


def _require_manager(actor, appraisal: Appraisal) -> None:
    if not appraisal_roles(actor, appraisal) & MANAGERS:
        raise PermissionDenied("Only the appraisee and their appraiser manage feedback.")


def _require_open(request: FeedbackRequest, today: datetime.date) -> None:
    if is_closed(request, today):
        raise ValidationError(
            f"Feedback for this appraisal closed on {request.closes_on:%-d %B %Y}: "
            "nothing more can be changed.",
            code="closed",
        )


def _invitation_email(invitation: FeedbackInvitation, token: str, *, reminder: bool) -> None:
    appraisal = invitation.request.appraisal
    appraisee = appraisal.person.full_name
    closes = invitation.request.closes_on.strftime("%-d %B %Y")
    subject = (
        f"Reminder: feedback for {appraisee} closes on {closes}"
        if reminder
        else f"{appraisee} would value your feedback"
    )
    lead = (
        f"This is a reminder: {appraisee} asked for your feedback and it closes on {closes}. "
        "This link replaces any earlier one."
        if reminder
        else f"{appraisee} has asked for your feedback, as their "
        f"{invitation.get_relationship_display().lower()}, for their appraisal."
    )
    body = (
        f"Dear {invitation.name},\n\n{lead}\n\n"
        "You will be asked to rate the behaviours of their role and, if you wish, say what "
        "they do well and what they could do more of or differently. It takes about 10 "
        "minutes. Your answers are anonymous: they are only ever shown combined with others "
        "in the same group, and only once enough people have answered.\n\n"
        f"Give your feedback by {closes}:\n{respond_link(token)}\n\n"
        "The link works once. Please do not forward it.\n\ncarelead\n"
    )
    send_mail(subject, body, None, [invitation.email])


def feedback_request_open(
    *, actor, appraisal: Appraisal, closes_on: datetime.date, today: datetime.date | None = None
) -> FeedbackRequest:
    """Open the appraisal's 360 feedback, taking answers until the end of ``closes_on``; the
    minimum group size comes from the cycle."""
    today = today or timezone.localdate()
    _require_manager(actor, appraisal)
    if not is_live(appraisal):
        raise ValidationError(
            "Feedback can only be asked for while the appraisal is in progress.", code="not_live"
        )
    if closes_on < today:
        raise ValidationError(
            {"closes_on": "The closing date must be today or in the future"}, code="past"
        )
    with transaction.atomic():
        if FeedbackRequest.objects.select_for_update().filter(appraisal=appraisal).exists():
            raise ValidationError("Feedback has already been asked for.", code="exists")
        request = FeedbackRequest.objects.create(
            appraisal=appraisal,
            closes_on=closes_on,
            min_group_size=appraisal.cycle.feedback_min_group_size,
        )
        audit_record(
            actor=actor,
            action="feedback_request_opened",
            obj=request,
            after={"closes_on": closes_on, "min_group_size": request.min_group_size},
            organisation_id=appraisal.organisation_id,
        )
    return request


def _rater_for(email: str) -> Person | None:
    """The one person in carelead with this email address, if exactly one has it."""
    matches = list(Person.objects.filter(email__iexact=email)[:2])
    return matches[0] if len(matches) == 1 else None


def feedback_invitation_create(
    *,
    actor,
    request: FeedbackRequest,
    relationship: str,
    email: str,
    name: str = "",
    today: datetime.date | None = None,
) -> FeedbackInvitation:
    """Invite a rater by email and send them their one-time link. A person in carelead with
    that email becomes the invitation's ``rater`` (and finds it in their own list too);
    anyone else is an outside rater and needs a name."""
    today = today or timezone.localdate()
    appraisal = request.appraisal
    _require_manager(actor, appraisal)
    _require_open(request, today)
    if not is_live(appraisal):
        raise ValidationError(
            "Raters can only be invited while the appraisal is in progress.", code="not_live"
        )
    email = email.strip()
    name = name.strip()
    if relationship not in Relationship.values:
        raise ValidationError({"relationship": "Choose how the rater works with them"})
    rater = _rater_for(email)
    if rater is not None and rater.pk == appraisal.person_id:
        raise ValidationError({"email": "You cannot invite the appraisee to rate themselves"})
    if not name:
        if rater is None:
            raise ValidationError(
                {"name": "Enter the rater's name (they are not in carelead, so we need it)"}
            )
        name = rater.full_name
    with transaction.atomic():
        # Locks the request, so two people inviting the same address at once cannot both
        # pass the duplicate check.
        FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        duplicate = (
            request.invitations.filter(email__iexact=email)
            .exclude(status__in=[S.WITHDRAWN, S.DECLINED])
            .exists()
        )
        if duplicate:
            raise ValidationError({"email": f"{email} has already been invited"})
        token, hashed = new_token()
        invitation = FeedbackInvitation.objects.create(
            request=request,
            relationship=relationship,
            rater=rater,
            name=name,
            email=email,
            token_hash=hashed,
            invited_on=today,
        )
        audit_record(
            actor=actor,
            action="feedback_invitation_sent",
            obj=invitation,
            after={"relationship": relationship, "rater": rater, "name": name, "email": email},
            organisation_id=appraisal.organisation_id,
        )
        # Inside the transaction: if the email cannot be sent there is no invitation either,
        # and the page says so.
        _invitation_email(invitation, token, reminder=False)
    return invitation


def feedback_invitation_withdraw(
    *, actor, invitation: FeedbackInvitation, today: datetime.date | None = None
) -> FeedbackInvitation:
    """Withdraw an invitation: its link stops working. An invitation already answered may
    be withdrawn too, and the answers stay (they cannot be told apart from the others): the
    page must not reveal who has answered by refusing."""
    today = today or timezone.localdate()
    request = invitation.request
    _require_manager(actor, request.appraisal)
    _require_open(request, today)
    with transaction.atomic():
        invitation = FeedbackInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status == S.WITHDRAWN:
            return invitation
        before = {"status": invitation.status}
        invitation.status = S.WITHDRAWN
        # A new random hash, so the old link is dead even if the status were ever reset.
        invitation.token_hash = new_token()[1]
        invitation.save(update_fields=["status", "token_hash", "updated_at"])
        audit_record(
            actor=actor,
            action="feedback_invitation_withdrawn",
            obj=invitation,
            before=before,
            after={"status": invitation.status},
            organisation_id=request.appraisal.organisation_id,
        )
    return invitation


def _remind(invitation: FeedbackInvitation, actor, today: datetime.date, condition) -> bool:
    """Send one reminder with a fresh link, if the invitation still matches ``condition``
    (checked and updated in one UPDATE, so two runs never both send)."""
    token, hashed = new_token()
    with transaction.atomic():
        updated = (
            FeedbackInvitation.objects.filter(condition, pk=invitation.pk, status=S.INVITED)
            .exclude(reminded_on=today)
            .update(token_hash=hashed, reminded_on=today, updated_at=timezone.now())
        )
        if not updated:
            return False
        audit_record(
            actor=actor,
            action="feedback_invitation_reminded",
            obj=invitation,
            after={"reminded_on": today},
            organisation_id=invitation.request.appraisal.organisation_id,
        )
        _invitation_email(invitation, token, reminder=True)
    return True


def feedback_invitations_remind(
    *, actor, request: FeedbackRequest, today: datetime.date | None = None
) -> int:
    """Remind every rater who has not answered yet (each at most once a day). One button for
    all of them, so the person asking never learns who has answered. Returns how many."""
    today = today or timezone.localdate()
    _require_manager(actor, request.appraisal)
    _require_open(request, today)
    sent = 0
    for invitation in request.invitations.filter(status=S.INVITED).select_related(
        "request__appraisal__person"
    ):
        sent += _remind(invitation, actor, today, Q())
    return sent


def feedback_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """The automatic reminders: to raters who have not answered, 7 and 2 days before the
    request closes. Each goes once: an invitation reminded on or after a reminder's day (by
    hand or by an earlier run) is not reminded again for it; a run that was missed catches up
    with one reminder, not two. Returns ``sent`` and ``failed`` counts."""
    today = today or timezone.localdate()
    counts = {"sent": 0, "failed": 0}
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS_BEFORE))
    candidates = FeedbackInvitation.objects.filter(
        status=S.INVITED,
        request__status=FeedbackRequest.Status.OPEN,
        request__closes_on__gte=today,
        request__closes_on__lte=horizon,
    ).select_related("request__appraisal__person")
    for invitation in list(candidates):
        closes_on = invitation.request.closes_on
        days_left = (closes_on - today).days
        due = [d for d in REMINDER_DAYS_BEFORE if days_left <= d]
        if not due:
            continue
        reminder_day = closes_on - datetime.timedelta(days=min(due))
        not_yet = Q(reminded_on__isnull=True) | Q(reminded_on__lt=reminder_day)
        if invitation.reminded_on is not None and invitation.reminded_on >= reminder_day:
            continue
        try:
            if _remind(invitation, None, today, not_yet):
                counts["sent"] += 1
        except Exception:
            # One bad address or a mail server hiccup must not stop the other reminders;
            # nothing was recorded, so the next run tries again.
            logger.exception("Feedback reminder for invitation %s not sent", invitation.pk)
            counts["failed"] += 1
    return counts


def feedback_response_submit(
    *,
    invitation: FeedbackInvitation,
    ratings: Mapping[int, int | None],
    strengths: str = "",
    development: str = "",
    actor=None,
    today: datetime.date | None = None,
) -> None:
    """Store one rater's answers and spend their invitation, all in one transaction. The
    response keeps its relationship group only; nothing links it to the invitation."""
    today = today or timezone.localdate()
    with transaction.atomic():
        invitation = (
            FeedbackInvitation.objects.select_for_update()
            .select_related("request__appraisal")
            .get(pk=invitation.pk)
        )
        request = invitation.request
        if invitation.status != S.INVITED:
            raise ValidationError("This invitation has already been used.", code="used")
        _require_open(request, today)
        response = FeedbackResponse.objects.create(
            request=request, relationship=invitation.relationship
        )
        FeedbackRating.objects.bulk_create(
            FeedbackRating(response=response, item_id=item_id, value=value)
            for item_id, value in ratings.items()
        )
        FeedbackComment.objects.bulk_create(
            FeedbackComment(request=request, kind=kind, text=text.strip())
            for kind, text in (
                (FeedbackComment.Kind.STRENGTHS, strengths),
                (FeedbackComment.Kind.DEVELOPMENT, development),
            )
            if text.strip()
        )
        invitation.status = S.RESPONDED
        invitation.responded_on = today
        invitation.save(update_fields=["status", "responded_on", "updated_at"])
        # The invitation's change only: an event naming the response would link the two.
        audit_record(
            actor=actor,
            action="feedback_invitation_answered",
            obj=invitation,
            after={"status": invitation.status, "responded_on": today},
            organisation_id=request.appraisal.organisation_id,
        )


def feedback_request_close(*, actor, request: FeedbackRequest) -> FeedbackRequest:
    """Close the request early (for example once everyone has answered): no more answers are
    taken, and the report opens."""
    _require_manager(actor, request.appraisal)
    with transaction.atomic():
        request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == FeedbackRequest.Status.CLOSED:
            return request
        request.status = FeedbackRequest.Status.CLOSED
        request.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="feedback_request_closed",
            obj=request,
            before={"status": FeedbackRequest.Status.OPEN},
            after={"status": request.status},
            organisation_id=request.appraisal.organisation_id,
        )
    return request
