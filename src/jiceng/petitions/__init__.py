"""Petitions (信访事项) and citizen requests (诉求, 12345 hotline tickets).

`Petition` follows 信访工作条例 (2022) by default, or another `PetitionPolicy`
(`REGULATION_2005`, `ZHEJIANG_2016`); `Ticket` follows a `TicketPolicy` (`JINAN_2018`,
`WEIFANG_2021`, `BEIJING_2021`). Both are `Submission`s: every time limit is a
`jiceng.Deadline` naming its article in the policy in force, and both answer `overdue(at)`,
`remaining(at)` and `next_step()`.

Public submodules:

- `jiceng.petitions.events`: every event of both machines (`ReviewRequested`, ...).
- `jiceng.petitions.metrics`: the rates (化解率, 办结率, 按期办结率, 满意率, 响应率), backlog.
- `jiceng.petitions.monitoring`: monitoring cycles (监测周期): checkpoints, targets, reports.
- `jiceng.petitions.service_points`: service points (便民服务点) and appointments (定点约时办公).
"""

from jiceng.petitions._matter import (
    Body,
    Channel,
    Level,
    Matter,
    NextStep,
    RepeatError,
    Route,
)
from jiceng.petitions._petition import Petition, repeat_bar
from jiceng.petitions._petition_data import (
    PETITION_ROUTES,
    Adoption,
    Agreement,
    CompletionReport,
    Opinion,
    Outcome,
    PetitionState,
    RepresentativesError,
    Stage,
    SuggestionReply,
)
from jiceng.petitions._petition_machine import PETITION
from jiceng.petitions._policy import (
    BEIJING_2021,
    JINAN_2018,
    REGULATION_2005,
    REGULATION_2022,
    REPORT_SOURCE,
    WEIFANG_2021,
    ZHEJIANG_2016,
    GroupSize,
    PetitionPolicy,
    RepresentativeCap,
    TicketPolicy,
)
from jiceng.petitions._submission import Submission
from jiceng.petitions._ticket import TICKET, Ticket
from jiceng.petitions._ticket_data import (
    TICKET_ROUTES,
    Rating,
    RequestKind,
    SupervisionGround,
    TicketState,
)

__all__ = [
    "BEIJING_2021",
    "JINAN_2018",
    "PETITION",
    "PETITION_ROUTES",
    "REGULATION_2005",
    "REGULATION_2022",
    "REPORT_SOURCE",
    "TICKET",
    "TICKET_ROUTES",
    "WEIFANG_2021",
    "ZHEJIANG_2016",
    "Adoption",
    "Agreement",
    "Body",
    "Channel",
    "CompletionReport",
    "GroupSize",
    "Level",
    "Matter",
    "NextStep",
    "Opinion",
    "Outcome",
    "Petition",
    "PetitionPolicy",
    "PetitionState",
    "Rating",
    "RepeatError",
    "RepresentativeCap",
    "RepresentativesError",
    "RequestKind",
    "Route",
    "Stage",
    "Submission",
    "SuggestionReply",
    "SupervisionGround",
    "Ticket",
    "TicketPolicy",
    "TicketState",
    "repeat_bar",
]
