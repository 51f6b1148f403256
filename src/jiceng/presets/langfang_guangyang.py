"""廊坊市广阳区 "群众说事、干部解题": residents raise matters, cadres solve them, in a closed loop.

Seed 003 (央广网, 河北省民政厅, "基层强则国家强，基层安则天下安"): from October 2019, piloted in
新源道街, residents raise matters online (the "新源红驿站" WeChat account) or offline (the
说事亭, 说事箱 and 说事室 of each community); "从受理群众诉求开始，通过交办督办、解决问题、结果
反馈、群众评价，形成了完整的工作闭环", with 25 district units joining the "解题" teams, "确保做到
有问必答，事事有回应".

The loop is the ticket workflow (`jiceng.petitions.Ticket`) under this preset's
`TicketPolicy`: 受理 `receive` → 交办督办 `dispatch`, `supervise` → 解决问题 `start_handling` →
结果反馈 `reply`, `close` → 群众评价 `rate` (`LOOP` maps each step to its commands). An
unsatisfied rating reopens the ticket (`return_for_rehandling`) while returns are left, and
the guard `RESIDENT_RATES` makes the rating the resident's own (群众评价): it is recorded by
the caller.

Defaults, where the article gives no figure:

- the article gives no time limit for the answer; this preset uses 5 working days
  (`DEFAULT_REPLY`, the 12345 figure of 济南 and 潍坊), a default;
- the article does not say how often an unsatisfied resident may send a matter back; this
  preset allows 2 returns (`DEFAULT_MAX_RETURNS`, the workflow's default), after which an
  unsatisfied rating stands as the final one.

Not encoded: the 25 district units (the article does not name them; dispatch takes any
`Body`), and the online and offline platforms themselves (a ticket records its `Channel`:
the WeChat account is `ONLINE`, a 说事箱 note a `LETTER`, the 说事亭 and 说事室 a `VISIT`).
Supervising a dispatched matter before it is late is the hotline's call:
`supervise(ground=SupervisionGround.OTHER, reason="交办督办")` (济南 第28条第4项).
"""

from __future__ import annotations

from typing import Final

from jiceng import Label, Source, TimeLimit, TransitionGuard, WorkingDays
from jiceng._plugins import Contributions, PluginSpec
from jiceng.petitions import TICKET, Channel, Ticket, TicketPolicy
from jiceng.petitions.events import Rated

__all__ = [
    "CHANNELS",
    "DEFAULT_MAX_RETURNS",
    "DEFAULT_REPLY",
    "LOOP",
    "PLUGIN",
    "RESIDENT_RATES",
    "TICKETS",
    "resident_rates",
]

NAME: Final = "langfang_guangyang"
_SEED = "seed 003: 廊坊市广阳区 群众说事、干部解题"

_LOOP_SOURCE = Source(
    _SEED,
    "从受理群众诉求开始，通过交办督办、解决问题、结果反馈、群众评价，形成了完整的工作闭环",
)

DEFAULT_REPLY: Final = TimeLimit(
    rule=WorkingDays(5),
    source=Source(
        "jiceng default: the article gives no time limit; 5 working days as in "
        "济南市12345市民服务热线条例(2018) 第24条"
    ),
    label=Label("解题反馈期限", "time to solve and report back"),
)
"""The time to answer after a matter is assigned: 5 working days, a default."""

DEFAULT_MAX_RETURNS: Final = 2
"""How often an unsatisfied resident's matter goes back: twice, a default."""

TICKETS: Final = TicketPolicy(
    name=f"{NAME}.tickets",
    title=Label(
        "廊坊市广阳区 群众说事、干部解题", "Langfang Guangyang: residents speak, cadres solve"
    ),
    reply=DEFAULT_REPLY,
    max_returns=DEFAULT_MAX_RETURNS,
    returns_source=_LOOP_SOURCE,
    repeat_source=Source(_SEED, "确保做到有问必答，事事有回应"),
)
"""The closed loop's ticket policy: answered within `DEFAULT_REPLY`; an unsatisfied rating
sends the matter back, at most `DEFAULT_MAX_RETURNS` times; a repeat is answered."""

LOOP: Final[tuple[tuple[Label, tuple[str, ...]], ...]] = (
    (Label("受理", "accept"), ("receive",)),
    (Label("交办督办", "assign and supervise"), ("dispatch", "supervise")),
    (Label("解决问题", "solve the problem"), ("start_handling",)),
    (Label("结果反馈", "report the result"), ("reply", "close")),
    (Label("群众评价", "residents rate"), ("rate", "return_for_rehandling")),
)
"""The five steps of the loop, in order, each with the ticket commands that take it."""

CHANNELS: Final = {
    "新源红驿站": Channel.ONLINE,
    "说事亭": Channel.VISIT,
    "说事箱": Channel.LETTER,
    "说事室": Channel.VISIT,
}
"""Where residents raise matters (线上、线下两条渠道), and the channel each is recorded as."""


def resident_rates(ticket: Ticket, event: Rated) -> str | None:
    """群众评价: the rating is the resident's own, recorded by the caller."""
    rater, caller = event.by, ticket.caller
    if rater.same_as(caller):
        return None
    return f"群众评价: the rating is the resident's ({caller}), not {rater}'s"


RESIDENT_RATES: Final = TransitionGuard(
    machine=TICKET.name,
    command="rate",
    name=f"{NAME}.resident_rates",
    check=resident_rates,
    plugin=NAME,
    source=_LOOP_SOURCE,
)
"""The guard that makes the rating the resident's own (群众评价)."""

PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(TICKETS, RESIDENT_RATES),
    description=(
        "The closed loop in which residents raise matters and cadres solve them, rated by "
        "the residents (廊坊市广阳区 群众说事、干部解题)."
    ),
    source="seeds/003_57febce23d54ac55.txt: 基层强则国家强，基层安则天下安 (央广网, 河北省民政厅)",
)
"""The 廊坊广阳 preset."""
