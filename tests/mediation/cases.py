"""Cases at each stage of the mediation machine, for the tests."""

from __future__ import annotations

import pendulum

from jiceng import Actor
from jiceng.mediation import (
    DEFAULT_POLICY,
    Attendee,
    AttendeeRole,
    Dispute,
    DisputeKind,
    Mark,
    MediationCase,
    MediationPolicy,
    Mediator,
    Obligation,
    Origin,
    OriginKind,
    Party,
    Responsibility,
    Terms,
)

TZ = "Asia/Shanghai"
T0 = pendulum.datetime(2020, 5, 11, 9, tz=TZ)  # a Monday; the time to settle ends 2020-06-11
CLERK = Actor.person("m-zhou", "周主任")
COMMITTEE = Actor.department("c-huquan", "湖泉镇人民调解委员会")
YAN = Party(id="p-yan", name="颜某")
LIU = Party(id="p-liu", name="刘某")
ZHOU = Mediator(id="m-zhou", name="周主任")
PARTY_IDS = ("p-yan", "p-liu")


def day(n: int, hour: int = 9) -> pendulum.DateTime:
    """`n` days after T0's day, at `hour`."""
    return T0.add(days=n).set(hour=hour)


def attendee(party: Party) -> Attendee:
    return Attendee(id=party.id, name=party.name, role=AttendeeRole.PARTY)


MEDIATOR_ATTENDS = Attendee(id=ZHOU.id, name=ZHOU.name, role=AttendeeRole.MEDIATOR)


def obligations(*dues: pendulum.Date) -> tuple[Obligation, ...]:
    return tuple(
        Obligation(
            id=f"O-{i}",
            obligor=PARTY_IDS[i % 2],
            what=f"义务{i}",
            method="自行履行",
            due=due,
        )
        for i, due in enumerate(dues, start=1)
    )


def opened(
    *parties: Party, at: pendulum.DateTime = T0, policy: MediationPolicy = DEFAULT_POLICY
) -> MediationCase:
    return MediationCase.open(
        id="HQ-1",
        parties=parties or (YAN, LIU),
        dispute=Dispute(kind=DisputeKind.LAND, facts="地界纠纷"),
        origin=Origin(kind=OriginKind.OWN_INITIATIVE),
        committee=COMMITTEE,
        by=CLERK,
        at=at,
        policy=policy,
    )


def mediating(*parties: Party, policy: MediationPolicy = DEFAULT_POLICY) -> MediationCase:
    return opened(*parties, policy=policy).assign_mediator(ZHOU, by=COMMITTEE, at=T0)


def agreed(
    *dues: pendulum.Date,
    at: pendulum.DateTime | None = None,
    policy: MediationPolicy = DEFAULT_POLICY,
) -> MediationCase:
    """Terms with obligations due on `dues` (default: one due 2020-05-25), agreed at `at`
    in a case under `policy`."""
    when = at or day(4, 21)
    terms = Terms(
        clauses=("以老界石为界",),
        obligations=obligations(*dues) if dues else obligations(pendulum.Date(2020, 5, 25)),
    )
    case = mediating(policy=policy).propose_terms(terms, by=CLERK, at=when)
    for party in PARTY_IDS:
        case = case.accept_proposal(party=party, by=CLERK, at=when)
    return case


def signing(*dues: pendulum.Date) -> MediationCase:
    case = agreed(*dues)
    return case.draw_up_agreement(
        facts="事实",
        disputed_matters=("地界",),
        responsibilities=tuple(Responsibility(party=p, text="责任") for p in PARTY_IDS),
        by=CLERK,
        at=case.last_changed,
    )


def in_force(*dues: pendulum.Date, at: pendulum.DateTime | None = None) -> MediationCase:
    """A written agreement sealed at `at` (default: day 7, 2020-05-18, a Monday)."""
    case = signing(*dues)
    for signer, mark in (
        ("p-yan", Mark.FINGERPRINT),
        ("p-liu", Mark.SEAL),
        ("m-zhou", Mark.SIGNATURE),
    ):
        case = case.sign_agreement(signer=signer, mark=mark, by=CLERK, at=case.last_changed)
    return case.seal_agreement(by=COMMITTEE, at=at or day(7))
