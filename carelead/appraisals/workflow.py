"""The appraisal workflow as data: one transition table (ADR-0008).

``TRANSITIONS`` maps (status, action) to (new status, who may act, whether a reason is
required). ``appraisals.services.workflow`` is the only code that changes a status, and it
reads this table; the demo and the tests read it too, so nothing else needs to know the
rules. Guards that look at the appraisal's content (an EDI objective, a summary, both
signatures) live in the service.
"""

from dataclasses import dataclass

from carelead.appraisals.models import Appraisal

S = Appraisal.Status

APPRAISEE = "appraisee"
APPRAISER = "appraiser"
PEOPLE_LEAD = "people_lead"
ACTORS = (APPRAISEE, APPRAISER, PEOPLE_LEAD)

#: The first transition row of every appraisal records its creation with this action.
CREATE = "create"


@dataclass(frozen=True)
class Transition:
    to: str
    by: frozenset[str]
    needs_reason: bool = False
    label: str = ""


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.NOT_STARTED, "start"): Transition(
        S.PREPARING, frozenset({APPRAISEE, APPRAISER}), label="Start preparing"
    ),
    (S.PREPARING, "ready"): Transition(
        S.READY_TO_DISCUSS, frozenset({APPRAISEE}), label="Ready to discuss"
    ),
    (S.READY_TO_DISCUSS, "back_to_preparing"): Transition(
        S.PREPARING,
        frozenset({APPRAISEE, APPRAISER}),
        needs_reason=True,
        label="Back to preparing",
    ),
    (S.READY_TO_DISCUSS, "record_discussion"): Transition(
        S.DISCUSSED, frozenset({APPRAISER}), label="Record the discussion"
    ),
    (S.DISCUSSED, "send_for_sign_off"): Transition(
        S.AWAITING_SIGN_OFF, frozenset({APPRAISER}), label="Sign and send to the appraisee"
    ),
    (S.AWAITING_SIGN_OFF, "sign_off"): Transition(
        S.COMPLETED, frozenset({APPRAISEE}), label="Sign off"
    ),
    (S.AWAITING_SIGN_OFF, "return_to_appraiser"): Transition(
        S.DISCUSSED,
        frozenset({APPRAISEE}),
        needs_reason=True,
        label="Ask for changes",
    ),
    **{
        (status, "cancel"): Transition(
            S.CANCELLED,
            frozenset({APPRAISER, PEOPLE_LEAD}),
            needs_reason=True,
            label="Cancel the appraisal",
        )
        for status in (
            S.NOT_STARTED,
            S.PREPARING,
            S.READY_TO_DISCUSS,
            S.DISCUSSED,
            S.AWAITING_SIGN_OFF,
        )
    },
    (S.COMPLETED, "reopen"): Transition(
        S.DISCUSSED, frozenset({PEOPLE_LEAD}), needs_reason=True, label="Reopen"
    ),
    (S.CANCELLED, "reopen"): Transition(
        S.NOT_STARTED, frozenset({PEOPLE_LEAD}), needs_reason=True, label="Reopen"
    ),
}

#: Statuses in which the appraisal is still being worked on (for "overdue" and reminders).
LIVE = (S.NOT_STARTED, S.PREPARING, S.READY_TO_DISCUSS, S.DISCUSSED, S.AWAITING_SIGN_OFF)


def actions_from(status: str) -> dict[str, Transition]:
    return {action: t for (source, action), t in TRANSITIONS.items() if source == status}
