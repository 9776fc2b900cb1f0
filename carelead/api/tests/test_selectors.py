import datetime

from carelead.api import selectors


def test_people_and_employments_are_empty_for_a_user_who_leads_no_organisation(world):
    for persona in ("staff", "implementation_office", "superuser", "board_member"):
        user = world.user(persona)
        assert not selectors.people_for(user).exists(), persona
        assert not selectors.employments_for(user).exists(), persona


def test_people_lead_scope_is_their_organisation_only(world):
    lead = world.user("people_lead")
    organisations = set(
        selectors.employments_for(lead).values_list("organisation__ods_code", flat=True)
    )
    assert organisations == {world.trust.ods_code}


def test_current_false_lists_people_with_no_current_employment_in_scope(world):
    lead = world.user("people_lead")
    leaver = world.employments["staff"]
    leaver.end_date = datetime.date(2021, 1, 1)
    leaver.save()
    former = selectors.people_for(lead, current=False)
    assert list(former) == [leaver.person]
