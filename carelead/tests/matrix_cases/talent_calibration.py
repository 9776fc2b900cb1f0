"""Permission matrix lines for calibration sessions (talent area ``calibration``).

People leads and regional talent leads reach the list and the planning page (the superuser
passes the permission check too). A session at the people lead's trust, facilitated and
created by the people lead, is seen by them and the regional talent lead of its region; the
pages that run it (start, move, close) answer only its facilitator and creator. Everyone else
gets 404, so a session's existence does not leak.
"""

from django.urls import reverse

from carelead.tests.matrix import NOT_FOUND, of, page

CALIBRATORS = frozenset({"people_lead", "regional_talent_lead", "superuser"})


def a_session(world, status="planned"):
    from carelead.talent.tests.factories import CalibrationSessionFactory

    lead = world.user("people_lead")
    return CalibrationSessionFactory(
        organisation=world.trust, facilitator=lead, created_by=lead, status=status
    )


def a_running_session(world):
    return a_session(world, status="in_progress")


def a_move_url(world) -> str:
    from carelead.talent.tests.factories import CalibrationPlacementFactory

    placement = CalibrationPlacementFactory(
        session=a_running_session(world), assessment__employment__organisation=world.trust
    )
    return reverse(
        "talent:calibration_move", kwargs={"session_pk": placement.session_id, "pk": placement.pk}
    )


CASES = {
    "talent:calibrations": page("talent:calibrations", CALIBRATORS),
    "talent:calibration_create": page("talent:calibration_create", CALIBRATORS),
    "talent:calibration": page(
        of("talent:calibration", a_session),
        {"people_lead", "regional_talent_lead"},
        otherwise=NOT_FOUND,
    ),
    "talent:calibration_start": page(
        of("talent:calibration_start", a_session), {"people_lead"}, otherwise=NOT_FOUND
    ),
    "talent:calibration_close": page(
        of("talent:calibration_close", a_running_session), {"people_lead"}, otherwise=NOT_FOUND
    ),
    "talent:calibration_move": page(a_move_url, {"people_lead"}, otherwise=NOT_FOUND),
}
