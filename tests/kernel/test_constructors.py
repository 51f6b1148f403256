"""Records that only store their fields get a direct constructor; any other keeps attrs'."""

from __future__ import annotations

import inspect
from typing import Any

import attrs
import pendulum
import pytest

from jiceng import Actor, Event
from jiceng._kernel._constructors import draft, fast_init
from jiceng.grids import GridEvent
from jiceng.grids.events import Reported

T0 = pendulum.datetime(2025, 3, 3, 9, tz="Asia/Shanghai")
BY = Actor.person("p-1")


def _direct(cls: type[Any]) -> bool:
    filename: str = cls.__init__.__code__.co_filename
    return filename.startswith("<fast init ")


@attrs.frozen(kw_only=True)
class Noted(Event):
    note: str
    private: int = attrs.field(default=0, alias="count")
    tags: tuple[str, ...] = ()


def test_an_event_stores_its_fields_directly_with_attrs_signature_and_defaults() -> None:
    assert _direct(Noted)
    event = Noted(note="n", by=BY, at=T0)
    assert (event.at, event.by, event.reason, event.note, event.private, event.tags) == (
        T0,
        BY,
        None,
        "n",
        0,
        (),
    )
    assert Noted(note="n", count=3, by=BY, at=T0).private == 3
    assert list(inspect.signature(Noted).parameters) == [
        "at",
        "by",
        "reason",
        "note",
        "count",
        "tags",
    ]
    assert attrs.evolve(event, note="m") == Noted(note="m", by=BY, at=T0)
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'note'"):
        Noted(by=BY, at=T0)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        Noted(T0, BY)  # type: ignore[call-arg]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.note = "x"  # type: ignore[misc]


class _Subnoted(Noted):
    """Not an attrs class: it inherits the constructor of `Noted`."""

    __slots__ = ("extra",)


def test_a_slotted_record_is_built_as_a_draft_and_ends_as_its_own_class() -> None:
    event = Noted(note="n", by=BY, at=T0)
    assert type(event) is Noted
    assert type(event) is not draft(Noted)
    assert draft(Noted) is draft(Noted)
    assert issubclass(draft(Noted), Noted)
    assert draft(Noted).__slots__ == ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.note = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(event, "note")
    sub = _Subnoted(note="s", count=2, by=BY, at=T0)
    assert type(sub) is _Subnoted
    assert (sub.note, sub.private, sub.tags) == ("s", 2, ())
    init: Any = Noted.__init__
    init(event, note="again", by=BY, at=T0)  # attrs allows it: the same object, new values
    assert (type(event), event.note) == (Noted, "again")


_NAMES = ("type", "cls", "draft", "fields", "set_class", "set_0", "default_0", "new")


@pytest.mark.parametrize("slots", [True, False])
def test_fields_may_have_the_names_the_constructor_uses(slots: bool) -> None:
    namespace: dict[str, Any] = {"__annotations__": dict.fromkeys(_NAMES, "str")}
    namespace["default_0"] = "d"
    cls: Any = attrs.frozen(kw_only=True, slots=slots)(type("Named", (Event,), namespace))
    assert _direct(cls)
    given = {name: name.upper() for name in _NAMES if name != "default_0"}
    event = cls(**given, by=BY, at=T0)
    assert type(event) is cls
    assert {name: getattr(event, name) for name in _NAMES} == {**given, "default_0": "d"}


def test_domain_events_and_a_dict_class_entity_are_built_directly() -> None:
    assert _direct(Reported)
    assert _direct(GridEvent)  # a dict class: its own fields go to the instance dictionary
    entity = GridEvent.__new__(GridEvent)
    init: Any = GridEvent.__init__
    init(
        entity,
        state=None,
        history=(),
        id="x",
        policy=None,
        grid="g",
        channel=None,
        reporter=BY,
        description="d",
        location="",
        office="o",
    )
    assert entity.__dict__["id"] == "x"
    assert entity.summonses == ()
    assert "state" not in entity.__dict__  # a slot of the kernel's base class


def _checked(value: object, attribute: object, given: object) -> None:
    if given == "bad":
        raise ValueError(given)


@pytest.mark.parametrize(
    "declare",
    [
        lambda: attrs.frozen(kw_only=True)(
            type(
                "WithValidator",
                (Event,),
                {"__annotations__": {"x": "str"}, "x": attrs.field(validator=_checked)},
            )
        ),
        lambda: attrs.frozen(kw_only=True)(
            type(
                "WithConverter",
                (Event,),
                {"__annotations__": {"x": "str"}, "x": attrs.field(converter=str)},
            )
        ),
        lambda: attrs.frozen(kw_only=True)(
            type(
                "WithFactory",
                (Event,),
                {"__annotations__": {"x": "list[str]"}, "x": attrs.field(factory=list)},
            )
        ),
        lambda: attrs.frozen(kw_only=True)(
            type(
                "WithPostInit",
                (Event,),
                {"__annotations__": {"x": "str"}, "__attrs_post_init__": lambda self: None},
            )
        ),
        lambda: attrs.frozen(kw_only=True, cache_hash=True)(
            type("WithCachedHash", (Event,), {"__annotations__": {"x": "str"}})
        ),
        lambda: attrs.frozen(kw_only=True)(
            type(
                "NotInit",
                (Event,),
                {"__annotations__": {"x": "str"}, "x": attrs.field(init=False, default="")},
            )
        ),
        lambda: attrs.frozen(
            type(
                "Positional",
                (Event,),
                {"__annotations__": {"x": "str"}, "x": attrs.field(kw_only=False, default="")},
            )
        ),
    ],
)
def test_a_record_that_does_more_than_store_keeps_attrs_init(declare: Any) -> None:
    cls = declare()
    assert not _direct(cls)


def test_a_class_that_is_not_attrs_or_has_no_init_of_its_own_is_left_alone() -> None:
    class Plain:
        def __init__(self) -> None:
            pass

    fast_init(Plain)
    assert Plain.__init__.__code__.co_filename == __file__

    @attrs.frozen(kw_only=True)
    class Base:
        x: str

    class Child(Base):
        pass

    fast_init(Child)
    assert "__init__" not in Child.__dict__

    @attrs.frozen(kw_only=True, init=False)
    class Builtin:
        x: str = ""
        __init__ = object.__init__

    fast_init(Builtin)
    assert Builtin.__dict__["__init__"] is object.__init__
