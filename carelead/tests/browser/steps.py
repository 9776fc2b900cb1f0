"""Given/when/then steps for the browser journeys. Each step is one small thing a person does
or sees; a step that lands on a new page runs axe on it, and the ``page`` fixture fails a test
that visited a page without an axe check."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from carelead.accounts.tests.factories import TEST_PASSWORD

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# Findings axe reports on markup we do not own and that was designed that way upstream. Each
# is (rule id, a snippet of the element's HTML, why); only that rule on that element is let
# through, so the rest of the page is still checked in full.
KNOWN_EXCEPTIONS = [
    (
        "label-content-name-mismatch",
        'class="nhsuk-file-upload__drop-button',
        # nhsuk-frontend's file upload (ported from GOV.UK Frontend) names its button with
        # aria-labelledby="<label> <comma> <the button itself>", so the name is the label
        # followed by the visible text; axe does not resolve the self-reference that way.
        # See alphagov/govuk-frontend pull request #5652.
        "upstream file upload button naming",
    ),
]

_trackers: dict[int, "Tracker"] = {}


class Tracker:
    """Watches one page: which documents it loaded, which were axe-checked, what failed."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.static_prefix = f"{base_url}{settings.STATIC_URL}"
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.failures: list[str] = []
        self.blocked: list[str] = []
        self.base_url = base_url
        # Tests talk to the live server only: anything else (the NHS.UK CSS asks for fonts
        # from assets.nhs.uk) is blocked before it leaves the machine.
        page.route("**/*", self._route)
        page.on("framenavigated", self._navigated)
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        _trackers[id(page)] = self

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.base_url, "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _failed(self, request):
        if request.url not in self.blocked:
            self.failures.append(f"{request.url}: {request.failure}")

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _response(self, response):
        # A 403/404 page can be the point of a journey; a broken asset or a 500 never is.
        static = response.url.startswith(self.static_prefix)
        if (static and response.status >= 400) or response.status >= 500:
            self.failures.append(f"{response.status} {response.url}")

    def assert_clean(self):
        _trackers.pop(id(self.page), None)
        unchecked = [url for url in self.visited if url not in self.checked]
        assert not self.failures, "requests failed:\n" + "\n".join(self.failures)
        assert not unchecked, f"pages visited without an axe check: {unchecked}"


def _base(page: Page) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(page.url)
    return f"{parts.scheme}://{parts.netloc}"


@cache
def _axe_source() -> str:
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run `npm ci`")
    return AXE_JS.read_text()


def _without_known_exceptions(violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(
                violation["id"] == rule and snippet in node["html"]
                for rule, snippet, _ in KNOWN_EXCEPTIONS
            )
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            lines.append(f"       {summary}")
    return "\n".join(lines)


# --- then: checks that run on every page --------------------------------------------------


def then_the_page_is_accessible(page: Page):
    """axe-core finds no WCAG 2.2 A/AA violation on the page as it is now."""
    page.wait_for_load_state("load")
    page.add_script_tag(content=_axe_source())
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = _without_known_exceptions(results["violations"])
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {page.url}:\n"
        + format_violations(violations)
        + "\n\nraw: "
        + json.dumps([v["id"] for v in violations])
    )
    tracker = _trackers.get(id(page))
    if tracker is not None:
        tracker.checked.add(page.url)


def then_the_styles_loaded(page: Page):
    """The NHS.UK stylesheet applied (a page without its CSS would still pass most checks)."""
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Frutiger" in font or "Arial" in font, f"unexpected body font {font!r}: CSS missing?"


def _arrive(page: Page):
    then_the_page_is_accessible(page)
    then_the_styles_loaded(page)


# --- given / when ---------------------------------------------------------------------------


def given_i_am_on(page: Page, path: str):
    page.goto(path)
    _arrive(page)


def when_i_visit(page: Page, path: str):
    given_i_am_on(page, path)


def when_i_follow_each_link_in_my_sections(page: Page) -> list[str]:
    """Open every link in the home page's persona sections in turn; each must answer below
    400 and pass the page checks. Returns the paths visited."""
    hrefs = page.locator("section[data-persona] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs, "the home page has no links in its persona sections"
    for href in hrefs:
        response = page.goto(href)
        assert response is not None and response.status < 400, f"{href}: {response.status}"
        _arrive(page)
    return hrefs


def given_i_am_on_the_login_page(page: Page):
    given_i_am_on(page, reverse("accounts:login"))


def when_i_sign_in_with_the_form(page: Page, username: str, password: str = TEST_PASSWORD):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    _arrive(page)


def given_i_am_signed_in_as(page: Page, username: str):
    given_i_am_on_the_login_page(page)
    when_i_sign_in_with_the_form(page, username)


def when_i_click_link(page: Page, name: str):
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).first.click()
    _arrive(page)


def when_i_choose_the_file(page: Page, label: str, path):
    """Open the file chooser from the field labelled ``label``, as a person would (the NHS.UK
    file upload replaces the input with a button that opens it), and pick ``path``."""
    with page.expect_file_chooser() as chooser:
        page.get_by_label(label).click()
    chooser.value.set_files(str(path))


def when_i_press_the_button(page: Page, name: str):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    _arrive(page)


def when_i_press_tab_until_focused(page: Page, label: str, limit: int = 40):
    """Tab through the page as a keyboard user would until the field labelled ``label``
    has focus."""
    target = page.get_by_label(label)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached the {label!r} field")


# --- then ---------------------------------------------------------------------------------


def then_i_see_the_heading(page: Page, text: str):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def then_i_am_on(page: Page, path: str):
    assert page.url.split("?")[0] == f"{_base(page)}{path}", page.url


def then_i_see_the_table(page: Page, caption: str, *rows: tuple[str, ...]):
    """A table with this caption is on the page, with a row holding each given cell text."""
    table = page.locator("table").filter(has=page.locator("caption", has_text=caption))
    expect(table).to_have_count(1)
    for cells in rows:
        row = table.locator("tbody tr")
        for cell in cells:
            row = row.filter(has=page.locator("td", has_text=cell))
        expect(row.first).to_be_visible()


def then_i_see_my_section(page: Page, persona: str):
    expect(page.locator(f'section[data-persona="{persona}"]')).to_be_visible()


def then_i_see_the_login_page(page: Page):
    then_i_am_on(page, reverse("accounts:login"))
    then_i_see_the_heading(page, "Sign in")
    expect(page.get_by_label("Username")).to_be_visible()
