"""Permission matrix lines for the board pages (appraisals area ``board``)."""

from carelead.tests.matrix import FORBIDDEN, NOT_FOUND, of, page

REGIONAL_TEAM = frozenset(
    {"regional_talent_lead", "ned_appointments", "implementation_office", "superuser"}
)


def _board_cycle(world):
    from carelead.appraisals.tests.factories_board import board_cycle

    return board_cycle(world.trust)


def _neds_completed_appraisal(world):
    """A NED's completed appraisal at the world's trust, on a board the board_member persona
    chairs: the chair submits it; the people lead may see it but not submit it."""
    from carelead.appraisals.tests.factories_board import board, board_cycle, complete

    _, ned, _ = board(
        board_cycle(world.trust),
        world.user("people_lead"),
        chair_employment=world.employments["board_member"],
    )
    return complete(ned)


CASES = {
    "appraisals:board_members": page(
        of("appraisals:board_members", _board_cycle), {"people_lead"}, superuser=NOT_FOUND
    ),
    "appraisals:board_submit": page(
        of("appraisals:board_submit", _neds_completed_appraisal),
        {"board_member"},
        otherwise=NOT_FOUND,
        people_lead=FORBIDDEN,
    ),
    "appraisals:board_submissions": page("appraisals:board_submissions", REGIONAL_TEAM),
    "appraisals:board_submissions_csv": page("appraisals:board_submissions_csv", REGIONAL_TEAM),
}
