import datetime

import pytest
from django import forms

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.forms import error_list


class ExampleForm(forms.Form):
    name = fields.CharField(label="Full name", hint="As on your payslip")
    notes = fields.TextField(label="Notes", required=False)
    colour = fields.ChoiceField(label="Colour", choices=[("red", "Red"), ("blue", "Blue")])
    band = fields.SelectField(label="Band", choices=[("", "Choose"), ("5", "Band 5")])
    days = fields.MultipleChoiceField(
        label="Days", choices=[("mon", "Monday"), ("tue", "Tuesday")], required=False
    )
    started = fields.DateField(label="Start date")
    upload = fields.FileField(label="File", required=False)
    agree = fields.BooleanField(label="I agree", required=False)


def render(form, name):
    return str(form[name].as_field_group())


def test_text_input_renders_the_nhsuk_component_with_label_and_hint():
    html = render(ExampleForm(), "name")
    assert 'class="nhsuk-input' in html
    assert "Full name" in html
    assert "As on your payslip" in html
    assert 'id="id_name"' in html


def test_each_field_kind_renders_its_component():
    form = ExampleForm()
    assert "nhsuk-textarea" in render(form, "notes")
    assert "nhsuk-radios" in render(form, "colour")
    assert "nhsuk-select" in render(form, "band")
    assert "nhsuk-checkboxes" in render(form, "days")
    assert "nhsuk-date-input" in render(form, "started")
    assert "nhsuk-file-upload" in render(form, "upload") or 'type="file"' in render(form, "upload")
    assert "nhsuk-checkboxes" in render(form, "agree")


def test_errors_render_inline_and_in_the_summary_linking_to_the_input():
    form = ExampleForm(
        data={
            "name": "",
            "colour": "green",
            "started[day]": "31",
            "started[month]": "2",
            "started[year]": "2024",
        }
    )
    assert not form.is_valid()
    html = render(form, "name")
    assert "nhsuk-error-message" in html
    summary = {item["href"]: item["text"] for item in error_list(form)}
    assert summary["#id_name"] == "This field is required."
    assert "#id_colour" in summary
    assert summary["#id_started-day"] == "Start date must be a real date"


def test_selected_values_are_kept_when_the_form_is_shown_again():
    form = ExampleForm(
        data={
            "name": "Ann",
            "colour": "blue",
            "band": "5",
            "days": ["tue"],
            "started[day]": "1",
            "started[month]": "4",
            "started[year]": "2026",
        }
    )
    assert form.is_valid(), form.errors
    assert 'value="Ann"' in render(form, "name")
    assert "checked" in render(form, "colour").split('value="blue"')[1][:40]
    assert form.cleaned_data["started"] == datetime.date(2026, 4, 1)


@pytest.mark.parametrize(
    "day,month,year,message",
    [
        ("", "4", "2026", "Start date must include a day"),
        ("1", "", "", "Start date must include a month and year"),
        ("x", "4", "2026", "Start date must be a real date"),
        ("1", "4", "26", "Year must include 4 numbers"),
        ("1", "4", "1066", "Year must be between 1900 and 2100"),
    ],
)
def test_date_input_explains_what_is_wrong(day, month, year, message):
    field = fields.DateField(label="Start date")
    with pytest.raises(forms.ValidationError) as error:
        field.clean((day, month, year))
    assert error.value.messages == [message]


def test_a_blank_optional_date_is_none():
    assert fields.DateField(label="End date", required=False).clean(("", "", "")) is None
