"""Permission matrix lines for career pathways (talent area ``pathways``): the pathway pages and
API are public; publishing and retiring are for the implementation office (and the superuser,
who passes every permission check)."""

from dataclasses import replace

from carelead.tests.matrix import Case, of, page, public

MANAGERS = {"implementation_office", "superuser"}


def a_pathway(world):
    from carelead.talent.tests.factories_pathways import pathway_with_steps

    return pathway_with_steps("Team leader", "Service manager")


def _public_api(url) -> Case:
    return replace(public(url), api=True)


CASES: dict[str, Case] = {
    "talent:pathways": public("talent:pathways"),
    "talent:pathway": public(of("talent:pathway", a_pathway)),
    "talent:pathway_status": page(of("talent:pathway_status", a_pathway), MANAGERS),
    "api:pathways": _public_api("api:pathways"),
    "api:pathway": _public_api(of("api:pathway", a_pathway)),
}
