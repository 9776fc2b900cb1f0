"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's
live server. Run them with ``uv run pytest -m browser``; CI runs them with everything else."""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    built_css = Path(settings.STATICFILES_DIRS[0]) / "css" / "main.css"
    if not built_css.exists():
        pytest.fail(f"{built_css} is missing: run `npm run build` (make install does)")
    # Playwright's sync API keeps an asyncio event loop running in the test thread, and
    # Django refuses ORM calls from a thread with a running loop unless told this is safe (it
    # is: the loop only drives the browser, never Django). Only while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture
def page(request, browser, live_server):
    """A fresh browser context (no cookies) per test, checked on teardown: every page the
    test visited must have had an axe check, and no request for a page or asset failed."""
    from carelead.tests.browser import steps

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    tracker = steps.Tracker(page, live_server.url)
    yield page
    try:
        # A test that already failed has said what went wrong; an unchecked page after it
        # would only repeat that.
        if not getattr(request.node, "browser_call_failed", False):
            tracker.assert_clean()
    finally:
        context.close()
