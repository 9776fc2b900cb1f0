"""Permission matrix lines for talent pools (talent area ``pools``).

The regional talent lead runs the pools of their region and its ICBs; the implementation
office runs national pools, so a regional pool answers it 404, and the superuser (who passes
the role check but leads nothing) gets 404 too. Anyone with a staff record sees the open pools
covering their employer, nominates themself, and sees "My talent pools"; line managers and
people leads nominate others. A nomination's withdrawal page is for the person and the pool's
leads only.
"""

from carelead.tests.matrix import NOT_FOUND, SIGNED_IN, WITH_A_PERSON, of, page

MANAGERS = frozenset({"regional_talent_lead", "implementation_office", "superuser"})
CREATORS = frozenset({"regional_talent_lead", "implementation_office"})
REGIONAL = frozenset({"regional_talent_lead"})
LEAD_ONLY = {"implementation_office": NOT_FOUND, "superuser": NOT_FOUND}


def a_pool(world):
    """An open regional pool of the world's region."""
    from carelead.talent.tests.factories_pools import regional_pool

    return regional_pool(world)


def a_nomination(world):
    """The staff member's nomination to the region's pool."""
    from carelead.talent.tests.factories import PoolMembershipFactory

    return PoolMembershipFactory(pool=a_pool(world), employment=world.employments["staff"])


def an_offer(world):
    from carelead.talent.tests.factories import DevelopmentOfferFactory

    return DevelopmentOfferFactory(pool=a_pool(world))


CASES = {
    "talent:pools": page("talent:pools", MANAGERS),
    "talent:pool_create": page("talent:pool_create", CREATORS),
    "talent:pools_open": page("talent:pools_open", SIGNED_IN),
    "talent:pools_mine": page("talent:pools_mine", SIGNED_IN),
    "talent:pool": page(of("talent:pool", a_pool), REGIONAL, **LEAD_ONLY),
    "talent:pool_edit": page(of("talent:pool_edit", a_pool), REGIONAL, **LEAD_ONLY),
    "talent:pool_makeup": page(of("talent:pool_makeup", a_pool), REGIONAL, **LEAD_ONLY),
    "talent:pool_nominate": page(
        of("talent:pool_nominate", a_pool), WITH_A_PERSON, superuser=NOT_FOUND
    ),
    "talent:pool_nominate_report": page(
        of("talent:pool_nominate_report", a_pool), {"line_manager", "people_lead"}
    ),
    "talent:pool_offer_create": page(of("talent:pool_offer_create", a_pool), REGIONAL, **LEAD_ONLY),
    "talent:pool_offer_edit": page(of("talent:pool_offer_edit", an_offer), REGIONAL, **LEAD_ONLY),
    "talent:pool_decide": page(of("talent:pool_decide", a_nomination), REGIONAL, **LEAD_ONLY),
    "talent:pool_move_on": page(of("talent:pool_move_on", a_nomination), REGIONAL, **LEAD_ONLY),
    "talent:pool_withdraw": page(
        of("talent:pool_withdraw", a_nomination),
        {"staff", "regional_talent_lead"},
        otherwise=NOT_FOUND,
    ),
}
