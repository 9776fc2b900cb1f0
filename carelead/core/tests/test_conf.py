"""core.conf.reader: Django's setting wins, then the app's default, then a common one; an
unknown name fails loudly."""

import pytest

from carelead.core.conf import reader

setting = reader({"CARELEAD_TEST_DAYS": 7})


def test_the_default_unless_django_sets_it(settings):
    assert setting("CARELEAD_TEST_DAYS") == 7
    settings.CARELEAD_TEST_DAYS = 3
    assert setting("CARELEAD_TEST_DAYS") == 3


def test_common_defaults_are_shared(settings):
    del settings.CARELEAD_SITE_URL
    assert setting("CARELEAD_SITE_URL") == "http://localhost:8000"


def test_an_unknown_name_is_an_error():
    with pytest.raises(KeyError):
        setting("CARELEAD_TEST_MISSPELT")
