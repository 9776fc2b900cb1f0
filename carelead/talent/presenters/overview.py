"""Display values for the regional overview: figures as text, shares as percentages with
their counts (never a bare percentage), and the definitions shown on the page."""

from carelead.talent.selectors.overview import RegionOverview

DEFINITIONS = [
    (
        "Pools",
        "Regional and ICB talent pools owned in the region that are open or closed to "
        "nominations (drafts are not counted). National pools are not in any region's figures.",
    ),
    ("Members", "Pool memberships whose status is member today."),
    ("Nominations waiting", "Nominations to those pools not yet decided."),
    (
        "Moved on in the last 12 months",
        "Members recorded as moved on (to a new role) in the last 365 days.",
    ),
    (
        "Critical roles",
        "Live (not retired) critical roles at the region's organisations, including the "
        "region and its ICBs.",
    ),
    ("With a ready-now successor", "Critical roles with at least one candidate ready now."),
    (
        "With emergency cover",
        "Critical roles with at least one candidate named as emergency cover.",
    ),
    (
        "Challenged vacancies",
        "Vacancies an organisation in NOF segment 4 or 5 flagged as challenged: open ones, and "
        "filled ones.",
    ),
    (
        "Filled with a package",
        "Placements into challenged vacancies that came with an incentive package.",
    ),
    (
        "Still in post at 12 (24) months",
        "Of the placements that started at least 12 (24) months ago, those whose person had a "
        "job at the same organisation 12 (24) months after starting.",
    ),
    (
        "Segment since",
        "The organisation's NOF segment today against its segment when the person started: "
        "better (a lower segment), the same, or worse.",
    ),
]


def share(part: int, whole: int) -> str:
    if not whole:
        return "No roles"
    return f"{round(100 * part / whole)}% ({part} of {whole})"


def of(part: int, whole: int) -> str:
    if not whole:
        return "None due yet"
    return f"{part} of {whole}"


def overview_rows(overviews: list[RegionOverview]) -> list[dict]:
    rows = []
    for o in overviews:
        v = o.vacancies
        rows.append(
            {
                "name": o.region.name,
                "pools": o.pools,
                "roles": o.succession.roles,
                "ready_now": share(o.succession.with_ready_now, o.succession.roles),
                "cover": share(o.succession.with_cover, o.succession.roles),
                "vacancies": v,
                "in_post_12": of(v.in_post_12, v.due_12),
                "in_post_24": of(v.in_post_24, v.due_24),
                "segment": (
                    f"{v.segment_better} better, {v.segment_same} the same, "
                    f"{v.segment_worse} worse"
                    + (f", {v.segment_unknown} not known" if v.segment_unknown else "")
                ),
            }
        )
    return rows
