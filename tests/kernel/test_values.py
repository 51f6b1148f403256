from __future__ import annotations

import pytest

from jiceng import Actor, ActorKind, Label, Source
from jiceng.exceptions import (
    CalendarCoverageError,
    FieldError,
    JicengError,
    MissingExtraError,
    ValidationError,
)


def test_actors_of_each_kind() -> None:
    assert Actor.person("p").kind is ActorKind.PERSON
    assert Actor.role("r").kind is ActorKind.ROLE
    assert Actor.department("d").kind is ActorKind.DEPARTMENT
    assert Actor.system("s").kind is ActorKind.SYSTEM
    assert str(Actor.system("sim")) == "system:sim"


def test_an_actor_needs_an_id_and_a_kind() -> None:
    with pytest.raises(ValidationError, match="id: must not be empty"):
        Actor.person("  ")
    with pytest.raises(ValidationError, match="kind: expected a ActorKind member") as info:
        Actor(kind="person", id="p")  # type: ignore[arg-type]
    assert info.value.paths == ("kind",)
    with pytest.raises(ValidationError, match="name: must be at most 200 characters"):
        Actor.person("p", "名" * 201)


def test_labels_and_sources_read_well() -> None:
    assert str(Label("受理", "Accept")) == "受理 (Accept)"
    assert Source("人民调解法 第33条", "…").text == "…"


def test_validation_errors_collect_every_field() -> None:
    err = ValidationError(
        [FieldError("history[0].at", "must be aware"), FieldError("", "bad")], subject="ticket"
    )
    assert err.paths == ("history[0].at", "")
    assert str(err) == "invalid ticket: history[0].at: must be aware; bad"
    assert isinstance(err, ValueError)
    assert isinstance(err, JicengError)
    assert str(ValidationError([])) == "invalid input: no details"


def test_lookup_and_import_errors_subclass_their_builtins() -> None:
    coverage = CalendarCoverageError("cn", 2027, (2004, 2026))
    assert isinstance(coverage, LookupError)
    assert str(coverage) == "calendar 'cn' has no working-day data for 2027 (it covers 2004-2026)"
    assert str(CalendarCoverageError("x", 1999)) == "calendar 'x' has no working-day data for 1999"
    extra = MissingExtraError("jiceng.serde", "serde", "cattrs")
    assert isinstance(extra, ImportError)
    assert "pip install 'jiceng[serde]'" in str(extra)


def test_a_validation_error_can_be_made_from_its_message() -> None:
    # Python re-creates errors from their message (enum definitions since 3.12).
    err = ValidationError("invalid enum: a label is missing")
    assert str(err) == "invalid enum: a label is missing"
    assert err.errors == (FieldError("", "invalid enum: a label is missing"),)


def test_errors_pickle_with_their_attributes() -> None:
    import pickle

    from jiceng.exceptions import GuardRejected

    original = GuardRejected(
        entity="Ticket",
        entity_id="T-1",
        command="close",
        state="open",
        allowed=("note",),
        guard="photo",
        reason="needs a photo",
        plugin="county",
    )
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is GuardRejected
    assert (copy.guard, copy.plugin, copy.allowed, str(copy)) == (
        "photo",
        "county",
        ("note",),
        str(original),
    )
    fields = pickle.loads(pickle.dumps(ValidationError([FieldError("at", "naive")])))
    assert fields.paths == ("at",)
