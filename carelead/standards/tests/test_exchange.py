import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carelead.standards import exchange
from carelead.standards.models import FrameworkVersion
from carelead.standards.services import framework_import

pytestmark = pytest.mark.django_db


def content_of(bundle):
    """A bundle without the fields that name the version."""
    bundle = copy.deepcopy(bundle)
    for name in exchange.VERSION_META:
        bundle["meta"].pop(name)
    return bundle


def shipped(slug):
    return FrameworkVersion.objects.get(framework__slug=slug, status="published")


@pytest.mark.parametrize("slug", ["management-leadership", "board-lcf-2024"])
@pytest.mark.parametrize("format", ["case", "csv"])
def test_round_trip_into_a_new_version_keeps_everything(loaded, slug, format):
    """Export, import as a new version, export again: equal apart from version fields."""
    version = shipped(slug)
    first = exchange.bundle_from_version(version)
    if format == "case":
        content = json.dumps(exchange.version_to_case(version)).encode()
    else:
        content = exchange.version_to_csv(version).encode()
    copy_ = framework_import(actor=None, content=content, format=format, as_version="9.9")
    second = exchange.bundle_from_version(copy_)
    assert content_of(second) == content_of(first)
    assert len(first["descriptors"]) == (135 if slug == "management-leadership" else 6)
    assert first["mappings"] and first["scales"] and first["stages"]


def test_case_and_csv_say_the_same(loaded):
    version = shipped("management-leadership")
    from_case = exchange.bundle_from_case(json.dumps(exchange.version_to_case(version)).encode())
    from_csv = exchange.bundle_from_csv(exchange.version_to_csv(version).encode())
    assert from_case == from_csv


def test_case_package_shape(loaded):
    package = exchange.version_to_case(shipped("management-leadership"))
    assert set(package) == {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
    types = {a["associationType"] for a in package["CFAssociations"]}
    assert types == {"isChildOf", "hasSkillLevel", "isRelatedTo"}
    competency = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "C2.2.2")
    assert competency["CFItemType"] == "Competency"
    assert competency["fullStatement"] == "Manage and measure performance"
    assert package["CFDocument"]["version"] == "1.0"


def test_a_case_item_without_full_statement_is_named(loaded):
    package = exchange.version_to_case(shipped("management-leadership"))
    index = next(n for n, i in enumerate(package["CFItems"]) if i["humanCodingScheme"] == "C1.2.3")
    del package["CFItems"][index]["fullStatement"]
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.bundle_from_case(json.dumps(package).encode())
    assert f'CFItems[{index}] (C1.2.3): "fullStatement" is missing' in error.value.messages


def test_a_csv_with_a_dangling_parent_is_named(loaded):
    text = exchange.version_to_csv(shipped("management-leadership"))
    text = text.replace(",C1.2.1,competency,S1.2,", ",C1.2.1,competency,S9.9,")
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.bundle_from_csv(text.encode())
    assert any('(C1.2.1): "parent" names S9.9' in m for m in error.value.messages)


def test_not_json_and_missing_columns_are_reported():
    with pytest.raises(exchange.ExchangeError, match="not valid JSON"):
        exchange.bundle_from_case(b"{nope")
    with pytest.raises(exchange.ExchangeError, match='column "record" is missing'):
        exchange.bundle_from_csv(b"code,title\nC1,x\n")


text = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(text, min_size=1, max_size=6),
    descriptor=text,
    wording=st.sampled_from(["carelead", "official"]),
    score=st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
)
def test_any_bundle_survives_both_formats(titles, descriptor, wording, score):
    bundle = exchange.empty_bundle()
    bundle["meta"].update(
        framework_slug="f",
        framework_title="F",
        framework_kind="board",
        identifier="0d3c1a8e-3b4f-4c7e-9a57-0d2f3c1b2a11",
        version="1",
        title="F 1",
        status="draft",
    )
    bundle["stages"] = [
        {"identifier": exchange._derived("s"), "code": "s", "name": "S", "rank": 0, "summary": ""}
    ]
    for n, title in enumerate(titles):
        bundle["items"].append(
            {
                "identifier": exchange._derived("i", n),
                "code": f"D{n}",
                "kind": "domain" if n == 0 else "statement",
                "parent": "" if n == 0 else "D0",
                "title": title,
                "description": "",
                "sort_order": n,
                "wording": wording,
            }
        )
    bundle["descriptors"] = [
        {
            "identifier": exchange._derived("d"),
            "item": "D0",
            "stage": "s",
            "text": descriptor,
            "wording": wording,
        }
    ]
    bundle["scales"] = [
        {
            "code": "x",
            "name": "X",
            "description": "",
            "is_default": True,
            "levels": [{"value": score, "label": "L", "meaning": "", "sort_order": 0}],
        }
    ]
    bundle["mappings"] = [
        {"stage": "s", "management_level": None, "pay_band": "", "is_board": True, "note": ""}
    ]
    as_csv = exchange.bundle_from_csv(exchange.bundle_to_csv(bundle).encode())
    as_case = exchange.bundle_from_case(json.dumps(exchange.bundle_to_case(bundle)).encode())
    expected = copy.deepcopy(bundle)
    expected["meta"]["framework_publisher"] = ""
    assert as_csv == expected
    assert as_case == expected


def test_case_identifiers_must_be_uuids(loaded):
    package = exchange.version_to_case(shipped("board-lcf-2024"))
    package["CFItems"][3]["identifier"] = "not-a-uuid"
    code = package["CFItems"][3]["humanCodingScheme"]
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.bundle_from_case(json.dumps(package).encode())
    assert f'CFItems[3] ({code}): "identifier" must be a UUID' in error.value.messages
