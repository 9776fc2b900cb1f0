"""Permission predicates (django-rules). Object-level scope is enforced by selectors; these
answer "may this user use this kind of page at all"."""

import rules

from carelead.accounts import scoping
from carelead.accounts.roles import Role


@rules.predicate
def has_person(user) -> bool:
    return bool(getattr(user, "person_id", None))


@rules.predicate
def is_line_manager(user) -> bool:
    if not has_person(user):
        return False
    cached = getattr(user, "_is_line_manager", None)
    if cached is None:
        from carelead.people.models import Employment

        cached = (
            Employment.objects.current().filter(line_manager__person_id=user.person_id).exists()
        )
        user._is_line_manager = cached
    return cached


def _role(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user) -> bool:
        return scoping.has_role(user, role)

    return predicate


is_people_lead = _role(Role.PEOPLE_LEAD)
is_board_member = _role(Role.BOARD_MEMBER)
is_regional_talent_lead = _role(Role.REGIONAL_TALENT_LEAD)
is_ned_appointments = _role(Role.NED_APPOINTMENTS)
is_training_provider = _role(Role.TRAINING_PROVIDER)
is_cqc_inspector = _role(Role.CQC_INSPECTOR)
is_implementation_office = _role(Role.IMPLEMENTATION_OFFICE)
is_equality_analyst = _role(Role.EQUALITY_ANALYST)

rules.add_perm("people.view_own_profile", has_person)
rules.add_perm("people.view_team", is_line_manager)
rules.add_perm("people.view_people", is_people_lead)
rules.add_perm("people.import_workforce", is_people_lead)
rules.add_perm("people.add_new_starter", is_people_lead)
rules.add_perm("core.view_audit", is_people_lead)
rules.add_perm("organisations.view_directory", rules.is_authenticated)
