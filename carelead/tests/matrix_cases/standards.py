"""Permission matrix lines for the standards app: browsing frameworks is public (pages and
API); importing, publishing and retiring are for the implementation office."""

from dataclasses import replace

from django.urls import reverse

from carelead.tests.matrix import Case, page, public

MANAGERS = {"implementation_office", "superuser"}


def _published(world):
    from carelead.standards.tests.factories import ItemFactory, ml_version_with_stages

    version = ml_version_with_stages()
    ItemFactory(version=version, code="C1.1.1", title="Prioritise for personal productivity")
    return version


def _draft(world):
    from carelead.standards.tests.factories import FrameworkVersionFactory

    return FrameworkVersionFactory(version="2.0", status="draft", published_on=None)


def _version_url(name):
    def build(world):
        version = _published(world)
        return reverse(name, kwargs={"slug": version.framework.slug, "version": version.version})

    return build


def _competency(world):
    version = _published(world)
    return version.items.get(code="C1.1.1")


def _competency_url(world):
    item = _competency(world)
    return reverse(
        "standards:competency_detail",
        kwargs={
            "slug": item.version.framework.slug,
            "version": item.version.version,
            "code": item.code,
        },
    )


def _public_api(url) -> Case:
    return replace(public(url), api=True)


CASES: dict[str, Case] = {
    "standards:framework_list": public("standards:framework_list"),
    "standards:search": public(lambda w: reverse("standards:search") + "?q=personal"),
    "standards:version_detail": public(_version_url("standards:version_detail")),
    "standards:version_print": public(_version_url("standards:version_print")),
    "standards:version_case": public(_version_url("standards:version_case")),
    "standards:version_csv": public(_version_url("standards:version_csv")),
    "standards:competency_detail": public(_competency_url),
    "standards:version_diff": public(
        lambda w: reverse("standards:version_diff", kwargs={"slug": _published(w).framework.slug})
    ),
    "standards:import": page("standards:import", MANAGERS),
    "standards:version_publish": page(
        lambda w: reverse(
            "standards:version_publish", kwargs={"slug": _draft(w).framework.slug, "version": "2.0"}
        ),
        MANAGERS,
    ),
    "standards:version_retire": page(_version_url("standards:version_retire"), MANAGERS),
    "api:framework-list": _public_api("api:framework-list"),
    "api:framework-case": _public_api(
        lambda w: reverse("api:framework-case", kwargs={"identifier": _published(w).identifier})
    ),
}
