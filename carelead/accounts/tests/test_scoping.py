from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.organisations.models import Organisation


def test_organisation_scope_covers_only_that_organisation(world):
    orgs = scoping.organisations_in_scope(world.user("people_lead"), Role.PEOPLE_LEAD)
    assert set(orgs) == {world.trust}


def test_region_scope_covers_the_region_its_icbs_and_their_organisations(world):
    orgs = set(
        scoping.organisations_in_scope(
            world.user("regional_talent_lead"), Role.REGIONAL_TALENT_LEAD
        )
    )
    assert {world.region, world.icb, world.trust, world.sibling_trust, world.provider} <= orgs
    assert world.other_trust not in orgs
    assert world.other_region not in orgs


def test_national_scope_covers_everything(world):
    orgs = scoping.organisations_in_scope(
        world.user("implementation_office"), Role.IMPLEMENTATION_OFFICE
    )
    assert orgs.count() == Organisation.objects.count()


def test_a_role_the_user_does_not_hold_gives_an_empty_scope(world):
    assert not scoping.organisations_in_scope(world.user("staff"), Role.PEOPLE_LEAD).exists()
    assert not scoping.organisations_in_scope(
        world.user("people_lead"), Role.REGIONAL_TALENT_LEAD
    ).exists()


def test_anonymous_users_have_no_scope(db):
    from django.contrib.auth.models import AnonymousUser

    assert not scoping.organisations_in_scope(AnonymousUser(), Role.PEOPLE_LEAD).exists()
    assert scoping.roles_of(AnonymousUser()) == set()


def test_scope_q_with_a_prefix_filters_related_rows(world):
    from carelead.people.models import Employment

    q = scoping.scope_q(world.user("people_lead"), Role.PEOPLE_LEAD, prefix="organisation__")
    organisations = set(Employment.objects.filter(q).values_list("organisation", flat=True))
    assert organisations == {world.trust.pk}
