from __future__ import annotations

from typing import Any

import pytest

from jiceng import Label, Labelled
from jiceng.exceptions import ValidationError
from jiceng.petitions import Body, Channel, Level, Matter, Route


def test_levels_compare_by_rank() -> None:
    assert Level.TOWNSHIP < Level.COUNTY < Level.CENTRAL
    assert not Level.CITY < Level.COUNTY
    assert Level(3) is Level.CITY


def test_a_labelled_value_needs_both_labels() -> None:
    with pytest.raises(ValidationError, match="member 'x' needs a zh-Hans and an English label"):

        class Bad(Labelled):
            X = "x", "叉"


def test_labelled_values_carry_both_labels() -> None:
    assert Channel.VISIT.label == Label("走访", "visit in person")
    assert repr(Route.EMERGENCY) == "<Route.EMERGENCY: 紧急热线（110、119、120、122）>"
    assert Channel("fax") is Channel.FAX


def test_a_body_needs_a_name_and_a_level() -> None:
    assert str(Body(id="b", name="水务局", level=Level.COUNTY)) == "水务局 (县级)"
    bad: Any = 2
    with pytest.raises(ValidationError, match="invalid Body: level: expected a Level member"):
        Body(id="b", name="水务局", level=bad)
    with pytest.raises(ValidationError, match="name: must not be empty"):
        Body(id="b", name=" ", level=Level.COUNTY)


def test_a_matter_needs_a_request_and_text_for_facts_and_reasons() -> None:
    assert Matter(request="修路").facts == ""
    with pytest.raises(ValidationError, match="request: must not be empty"):
        Matter(request="")
    bad: Any = None
    with pytest.raises(ValidationError, match=r"facts: expected text \(str\)"):
        Matter(request="修路", facts=bad)


def test_a_body_refuses_a_level_given_as_its_number() -> None:
    bad: Any = 3
    with pytest.raises(ValidationError, match=r"pass Level\(3\), not its value") as info:
        Body(id="b", name="市信访局", level=bad)
    assert info.value.paths == ("level",)


def test_a_matter_takes_blank_facts_but_not_a_blank_request() -> None:
    assert Matter(request="修路", facts=" ", reasons="").facts == " "
    with pytest.raises(ValidationError) as info:
        Matter(request=" \n")
    assert info.value.paths == ("request",)
