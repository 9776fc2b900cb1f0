"""Display values for framework pages."""

from django.urls import reverse

from carelead.standards.models import FrameworkVersion, Item

STATUS_COLOURS = {
    FrameworkVersion.Status.DRAFT: "yellow",
    FrameworkVersion.Status.PUBLISHED: "green",
    FrameworkVersion.Status.RETIRED: "grey",
}
CARELEAD_WORDING = FrameworkVersion.Wording.CARELEAD


def status_tag(version: FrameworkVersion) -> dict:
    return {
        "text": version.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_COLOURS[version.status]}",
    }


def version_kwargs(version: FrameworkVersion) -> dict:
    return {"slug": version.framework.slug, "version": version.version}


def version_url(name: str, version: FrameworkVersion) -> str:
    return reverse(f"standards:{name}", kwargs=version_kwargs(version))


def competency_url(version: FrameworkVersion, item: Item) -> str:
    return reverse(
        "standards:competency_detail", kwargs={**version_kwargs(version), "code": item.code}
    )


def version_rows(framework) -> list[dict]:
    return [
        {
            "version": v,
            "href": version_url("version_detail", v),
            "status": status_tag(v),
        }
        for v in framework.shown_versions
    ]


def level_value(level) -> str:
    return "Not a score" if level.value is None else str(level.value)


def mapping_rule(mapping) -> str:
    if mapping.is_board:
        return "Board member"
    if mapping.pay_band_id:
        return f"Pay band {mapping.pay_band}"
    if mapping.management_level is None:
        return "No management level"
    return f"Management level {mapping.management_level}"
