"""The axe step itself: it must fail on a page with a known WCAG failure, or the journeys'
clean results would prove nothing."""

import pytest

from carelead.tests.browser.steps import then_the_page_is_accessible

pytestmark = pytest.mark.browser


def test_axe_check_reports_violations_readably(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            '<!doctype html><html lang="en"><head><title>t</title></head>'
            '<body><main><h1>t</h1><img src="data:,"><input type="text"></main></body></html>'
        )
        with pytest.raises(AssertionError) as failure:
            then_the_page_is_accessible(page)
    finally:
        context.close()
    message = str(failure.value)
    assert "image-alt" in message
    assert "label" in message
    assert "dequeuniversity.com" in message  # each rule links to its explanation
