"""Role-aware navigation: each item appears only for users whose role may open it."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str | None

    @property
    def href(self) -> str:
        return reverse(self.url_name)


NAV_ITEMS = [
    NavItem("Home", "core:home", None),
    NavItem("My profile", "people:my_profile", "people.view_own_profile"),
    NavItem("My learning", "learning:my_learning", "learning.view_own_learning"),
    NavItem("Appraisals", "appraisals:my_appraisals", "appraisals.view_own"),
    NavItem("Career and talent", "talent:hub", None),
    NavItem("My team", "people:my_team", "people.view_team"),
    NavItem("People", "people:people_list", "people.view_people"),
    NavItem("Imports", "people:import_list", "people.import_workforce"),
    NavItem("Cohorts", "learning:provider_cohorts", "learning.manage_provision"),
    NavItem("Learning figures", "learning:overview", "learning.view_learning_overview"),
    NavItem("Organisations", "organisations:directory", "organisations.view_directory"),
    NavItem("Standards", "standards:framework_list", None),
    NavItem("Audit", "core:audit", "core.view_audit"),
]


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    path = request.path
    items = []
    for item in NAV_ITEMS:
        if item.perm and not user.has_perm(item.perm):
            continue
        items.append({"href": item.href, "text": item.label, "current": False})
    # Only the most specific match is current: /people/imports/ is "Imports", not "People".
    matches = [
        i for i in items if path == i["href"] or (i["href"] != "/" and path.startswith(i["href"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["href"]))["current"] = True
    return items
