"""Small values every workflow shares: actors, legal sources, labels, instants."""

from __future__ import annotations

import enum
from typing import Any, Final, Self

import attrs
import pendulum

from jiceng._kernel._checks import instant, member, text
from jiceng.exceptions import ValidationError

__all__ = [
    "Actor",
    "ActorKind",
    "Label",
    "Labelled",
    "Source",
    "check_instant",
]


class ActorKind(enum.Enum):
    """What kind of actor did something (行为主体)."""

    PERSON = "person"
    ROLE = "role"
    DEPARTMENT = "department"
    SYSTEM = "system"


_ID: Final = text(max_length=200)
"""An id: non-empty, at most 200 characters (an 18-digit 身份证号, a UUID, a code)."""

_NAME: Final = text(max_length=200, blank=True)
"""A display name, which may be empty."""

_INSTANT: Final = instant()


@attrs.frozen(kw_only=True)
class Actor:
    """Who did something: a person, a role, a department or a system, with its id.

    >>> Actor.person("p-001", "张三")
    Actor(kind=<ActorKind.PERSON: 'person'>, id='p-001', name='张三')
    >>> str(Actor.department("d-water", "水务局"))
    'department:d-water (水务局)'
    """

    kind: ActorKind = attrs.field(validator=member(ActorKind))
    id: str = attrs.field(validator=_ID)
    name: str = attrs.field(default="", validator=_NAME)

    @classmethod
    def person(cls, id: str, name: str = "") -> Actor:
        """A natural person: a resident, a grid member, an official."""
        return cls(kind=ActorKind.PERSON, id=id, name=name)

    @classmethod
    def role(cls, id: str, name: str = "") -> Actor:
        """A role acting as such: 网格长, 调解委员会主任."""
        return cls(kind=ActorKind.ROLE, id=id, name=name)

    @classmethod
    def department(cls, id: str, name: str = "") -> Actor:
        """A body or department: 信访局, 街道办事处, 水务局."""
        return cls(kind=ActorKind.DEPARTMENT, id=id, name=name)

    @classmethod
    def system(cls, id: str, name: str = "") -> Actor:
        """Software acting on its own: a timer, an import, a simulation."""
        return cls(kind=ActorKind.SYSTEM, id=id, name=name)

    def same_as(self, other: Actor) -> bool:
        """Whether `other` is this actor, whatever name either carries: the same kind and id.

        >>> Actor.person("p-001", "张三").same_as(Actor.person("p-001"))
        True
        """
        return self.id == other.id and self.kind is other.kind

    def __str__(self) -> str:
        base = f"{self.kind.value}:{self.id}"
        return f"{base} ({self.name})" if self.name else base


@attrs.frozen
class Label:
    """A name in Simplified Chinese and in English (`Label("受理", "Accept")`)."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"


class Labelled(enum.Enum):
    """An enum whose members carry a zh-Hans and an English label next to their value.

    >>> class Channel(Labelled):
    ...     VISIT = "visit", "走访", "Visit in person"
    >>> Channel.VISIT.zh, Channel.VISIT.label
    ('走访', Label(zh='走访', en='Visit in person'))
    """

    zh: str
    en: str

    def __new__(cls, value: Any, zh: str = "", en: str = "") -> Self:
        if not (zh and en):
            msg = f"{cls.__name__} member {value!r} needs a zh-Hans and an English label"
            raise ValidationError.single("label", msg, subject="enum")
        member = object.__new__(cls)
        member._value_ = value
        member.zh = zh
        member.en = en
        return member

    @property
    def label(self) -> Label:
        """Both labels as one value."""
        return Label(self.zh, self.en)


@attrs.frozen
class Source:
    """Where a rule comes from: a citation and, optionally, the verbatim text.

    >>> str(Source("信访工作条例(2022) 第34条"))
    '信访工作条例(2022) 第34条'
    """

    citation: str
    text: str = ""

    def __str__(self) -> str:
        return self.citation


def check_instant(value: object, path: str = "at") -> pendulum.DateTime:
    """Return `value` if it is an aware `pendulum.DateTime`; raise `ValidationError` if not.

    Naive datetimes are refused, and so are plain `datetime.datetime` values: convert them
    explicitly with `pendulum.instance(dt)` so that no time zone is ever guessed.
    """
    if isinstance(value, pendulum.DateTime) and value.tzinfo is not None:
        return value
    raise ValidationError(_INSTANT.problems(value, path))
