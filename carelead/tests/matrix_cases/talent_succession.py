"""Permission matrix lines for critical roles, succession plans, the risk map and the regional
overview (talent areas ``succession`` and ``overview``).

People leads and regional talent leads manage critical roles; the role and candidate here are
at the people lead's trust, which is in the talent lead's region. The superuser passes the
role checks but leads nothing, so one record's pages answer 404 for them. The overview is for
regional talent leads and the implementation office.
"""

from carelead.tests.matrix import NOT_FOUND, of, page

MANAGERS = frozenset({"people_lead", "regional_talent_lead", "superuser"})
IN_SCOPE = frozenset({"people_lead", "regional_talent_lead"})


def a_role(world):
    from carelead.talent.tests.factories import CriticalRoleFactory

    return CriticalRoleFactory(organisation=world.trust, title="Chief executive")


def a_candidate(world):
    from carelead.talent.tests.factories import SuccessionCandidateFactory

    return SuccessionCandidateFactory(role=a_role(world), person=world.outsider_employment.person)


CASES = {
    "talent:succession": page("talent:succession", MANAGERS),
    "talent:critical_role_create": page("talent:critical_role_create", MANAGERS),
    "talent:critical_role_suggest": page("talent:critical_role_suggest", MANAGERS),
    "talent:critical_role": page(of("talent:critical_role", a_role), IN_SCOPE, superuser=NOT_FOUND),
    "talent:critical_role_edit": page(
        of("talent:critical_role_edit", a_role), IN_SCOPE, superuser=NOT_FOUND
    ),
    "talent:critical_role_retire": page(
        of("talent:critical_role_retire", a_role), IN_SCOPE, superuser=NOT_FOUND
    ),
    "talent:succession_candidate_add": page(
        of("talent:succession_candidate_add", a_role), IN_SCOPE, superuser=NOT_FOUND
    ),
    "talent:succession_candidate_edit": page(
        of("talent:succession_candidate_edit", a_candidate), IN_SCOPE, superuser=NOT_FOUND
    ),
    "talent:succession_candidate_remove": page(
        of("talent:succession_candidate_remove", a_candidate), IN_SCOPE, superuser=NOT_FOUND
    ),
    "talent:succession_risk": page("talent:succession_risk", MANAGERS),
    "talent:succession_risk_csv": page("talent:succession_risk_csv", MANAGERS),
    "talent:overview": page(
        "talent:overview", {"regional_talent_lead", "implementation_office", "superuser"}
    ),
}
