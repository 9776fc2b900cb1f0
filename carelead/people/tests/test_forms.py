import pytest

from carelead.people import selectors
from carelead.people.forms import EqualityMonitoringForm, PeopleFilterForm
from carelead.people.models import EqualityMonitoring


@pytest.fixture
def options(reference_data):
    return selectors.equality_options_by_question()


def test_every_question_is_a_radio_group_with_prefer_not_to_say(options):
    form = EqualityMonitoringForm(options_by_question=options)
    for field in form.question_fields():
        labels = [label.lower() for _, label in field.field.choices]
        assert any("prefer not to say" in label for label in labels), field.name
        assert field.field.template_name == "nhsuk_forms/radios.jinja"


def test_census_2021_options_carry_their_group(options):
    form = EqualityMonitoringForm(options_by_question=options)
    labels = dict(form.fields["ethnicity_2021"].choices)
    assert labels["W2"] == "White: Irish"
    assert dict(form.fields["ethnic_category"].choices)["B"] == "White - Irish"


def test_blank_answers_are_allowed_and_returned_as_blank(options):
    form = EqualityMonitoringForm({"version": "3", "sex": "F"}, options_by_question=options)
    assert form.is_valid(), form.errors
    assert form.answers()["sex"] == "F"
    assert form.answers()["religion"] == ""
    assert set(form.answers()) == set(EqualityMonitoring.QUESTIONS)


def test_a_missing_version_is_an_error(options):
    form = EqualityMonitoringForm({"sex": "F"}, options_by_question=options)
    assert not form.is_valid()
    assert "out of date" in form.errors["version"][0]


def test_people_filters_ignore_values_that_are_not_choices(reference_data):
    form = PeopleFilterForm({"q": "  smith ", "band": "99", "staff_group": "ahp"}, organisations=[])
    assert form.filters() == {
        "query": "smith",
        "organisation": None,
        "staff_group": "ahp",
        "band": None,
    }
    assert PeopleFilterForm(None, organisations=[]).filters() == {}
