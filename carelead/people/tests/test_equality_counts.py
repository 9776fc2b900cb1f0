"""equality_counts groups answers in one query and returns numbers only (with parts, each
subset counted in the same query); suppress hides
small counts, and a second count whenever one alone would be hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from carelead.people.models import EqualityMonitoring, Person
from carelead.people.selectors import equality_counts, equality_counts_with_parts, suppress
from carelead.people.tests.factories import PersonFactory


def _answered(**answers) -> Person:
    person = PersonFactory()
    EqualityMonitoring.objects.create(person=person, **answers)
    return person


@pytest.mark.django_db
def test_ethnic_category_is_counted_by_group(reference_data):
    people = [
        _answered(ethnic_category="A"),
        _answered(ethnic_category="C"),
        _answered(ethnic_category="N"),
        _answered(ethnic_category="Z"),
        _answered(ethnic_category="99"),
        _answered(),  # a record with the question not answered
        PersonFactory(),  # no record at all
    ]
    counts = equality_counts([p.pk for p in people], question="ethnic_category")
    assert counts == {"White": 2, "Black and minority ethnic": 1, "Not stated or unknown": 4}


@pytest.mark.django_db
def test_disability_and_sex_count_prefer_not_to_say_as_not_stated(reference_data):
    people = [
        _answered(disability="Y", sex="F"),
        _answered(disability="N", sex="F"),
        _answered(disability="PNS", sex="M"),
        PersonFactory(),
    ]
    ids = [p.pk for p in people]
    assert equality_counts(ids, question="disability") == {"Yes": 1, "No": 1, "Not stated": 2}
    assert equality_counts(ids, question="sex") == {"Female": 2, "Male": 1, "Not stated": 1}


@pytest.mark.django_db
def test_every_group_is_present_even_when_empty(reference_data):
    counts = equality_counts([], question="ethnic_category")
    assert counts == {"White": 0, "Black and minority ethnic": 0, "Not stated or unknown": 0}


@pytest.mark.django_db
def test_parts_are_counted_in_the_same_query_and_agree_with_counting_each(reference_data):
    people = [
        _answered(sex="F"),
        _answered(sex="F"),
        _answered(sex="M"),
        _answered(sex="PNS"),
        PersonFactory(),
    ]
    ids = [p.pk for p in people]
    high = Person.objects.filter(pk__in=ids[:3]).values("pk")
    outsider = _answered(sex="M")  # in a part but not among the people: not counted
    with CaptureQueriesContext(connection) as queries:
        counts, parts = equality_counts_with_parts(
            ids, question="sex", parts={"high": high, "other": [ids[2], outsider.pk]}
        )
    assert len(queries) == 2  # the answer options, then the one grouped count
    assert counts == equality_counts(ids, question="sex")
    assert parts["high"] == equality_counts(high, question="sex")
    assert parts["high"] == {"Female": 2, "Male": 1, "Not stated": 0}
    assert parts["other"] == {"Female": 0, "Male": 1, "Not stated": 0}


@pytest.mark.django_db
def test_people_outside_the_given_ids_are_not_counted(reference_data):
    inside = _answered(ethnic_category="A")
    _answered(ethnic_category="A")
    counts = equality_counts(Person.objects.filter(pk=inside.pk).values("pk"), question="sex")
    assert sum(counts.values()) == 1


@pytest.mark.django_db
def test_counting_is_one_query_however_many_people(reference_data):
    few = [_answered(ethnic_category="A").pk for _ in range(2)]
    many = few + [_answered(ethnic_category="H").pk for _ in range(15)]
    with CaptureQueriesContext(connection) as small:
        equality_counts(few, question="ethnic_category")
    with CaptureQueriesContext(connection) as large:
        equality_counts(many, question="ethnic_category")
    assert len(small) == len(large) == 1


@pytest.mark.django_db
def test_unknown_question_is_refused():
    with pytest.raises(ValueError, match="Unknown equality question"):
        equality_counts([], question="shoe_size")


def test_counts_below_the_minimum_are_hidden_with_the_next_smallest():
    counts = {"White": 40, "Black and minority ethnic": 3, "Not stated or unknown": 12}
    assert suppress(counts, minimum=10) == {
        "White": 40,
        "Black and minority ethnic": None,
        "Not stated or unknown": None,
    }


def test_two_small_counts_are_hidden_without_hiding_a_third():
    counts = {"Yes": 2, "No": 50, "Not stated": 4}
    assert suppress(counts, minimum=10) == {"Yes": None, "No": 50, "Not stated": None}


def test_zero_is_hidden_too():
    assert suppress({"Female": 0, "Male": 30, "Not stated": 25}, minimum=10) == {
        "Female": None,
        "Male": 30,
        "Not stated": None,
    }


def test_the_minimum_comes_from_the_setting(settings):
    settings.CARELEAD_SUPPRESSION_MINIMUM = 5
    assert suppress({"Yes": 6, "No": 7}) == {"Yes": 6, "No": 7}
    settings.CARELEAD_SUPPRESSION_MINIMUM = 10
    assert suppress({"Yes": 6, "No": 70}) == {"Yes": None, "No": None}


@given(
    st.dictionaries(st.sampled_from("abcde"), st.integers(0, 60), min_size=2),
    st.integers(1, 20),
)
def test_no_shown_count_is_small_and_no_hidden_count_can_be_worked_out(counts, minimum):
    result = suppress(counts, minimum=minimum)
    assert result.keys() == counts.keys()
    shown = {k: v for k, v in result.items() if v is not None}
    assert all(v >= minimum for v in shown.values())
    assert all(counts[k] == v for k, v in shown.items())
    # One hidden cell could be recovered from the row total; zero or two or more cannot.
    assert len(result) - len(shown) != 1
