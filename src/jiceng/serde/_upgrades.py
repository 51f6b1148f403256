"""The upcasters and aliases of the built-in documents, one line each, oldest first.

A document type (a machine, or a machine's event) whose fields change gets an upcaster
here, from the version it had to the next, so that the documents stored by earlier
versions of jiceng still read: ``tests/golden/`` holds such documents, and the tests read
them. Each line names the change and why.
"""

from __future__ import annotations

from jiceng.serde._documents import register_alias, register_upcaster

__all__ = ["register_alias", "register_upcaster"]  # the lines below use them


# mediation (人民调解法 第20条, 第23条(三)): a session is held in public or not, as a 屋场会
# always was and the other kinds were not; a case records invitations and publicity requests.
def _session_publicity(session: dict[str, object]) -> dict[str, object]:
    public = session["kind"] == "house_meeting"
    return {**session, "publicity": "public" if public else "not_public"}


register_upcaster("mediation.case.SessionScheduled", 1, _session_publicity)
register_upcaster(
    "mediation.case",
    1,
    lambda d: {
        **d,
        "sessions": [_session_publicity(s) for s in d["sessions"]],
        "invitations": [],
        "publicity_requests": [],
    },
)


# petitions: the petitioner's address (住址, 信访工作条例(2022) 第19条) is recorded on
# registration; documents stored before it read with no address (None: 住址未载明).
register_upcaster("petitions.petition.Registered", 1, lambda d: {**d, "address": None})
register_upcaster("petitions.petition", 1, lambda d: {**d, "address": None})


# A rule book's adoption carries its vote (issue 17, 策由民决), not a decision's number: the
# number becomes the record of a vote whose body and figures were not recorded
# (`Vote.unrecorded`), so that reading an old document invents no counts.
def _unrecorded_vote(record: str) -> dict[str, object]:
    names = ("body", "members", "present", "households", "households_present", "yes", "no")
    return {"record": record, **dict.fromkeys(names), "abstain": None, "mandate": None}


register_upcaster(
    "points.adoption.Adopted",
    1,
    lambda d: {
        **{k: v for k, v in d.items() if k != "decision_id"},
        "vote": _unrecorded_vote(d["decision_id"]),
    },
)
register_upcaster(
    "points.adoption.VotedDown",
    1,
    lambda d: {
        **{k: v for k, v in d.items() if k != "decision_id"},
        "vote": _unrecorded_vote(d["decision_id"]),
    },
)
register_upcaster(
    "points.adoption",
    1,
    lambda d: {
        **{k: v for k, v in d.items() if k not in ("decision_id", "votes_down")},
        "vote": None if d.get("decision_id") is None else _unrecorded_vote(d["decision_id"]),
        "votes_down": [_unrecorded_vote(r) for r in d.get("votes_down", [])],
    },
)


# grids (Open311 GeoReport v2 lat/long, issue 17): a grid event may have a point location;
# documents stored before it read with none.
register_upcaster("grids.grid_event.Reported", 1, lambda d: {**d, "point": None})
register_upcaster("grids.grid_event", 1, lambda d: {**d, "point": None})


# grids (two-step approvals, issue 17): a policy lists the changes it needs approved in two
# steps, and a grid event holds its open request; documents stored before them read with
# every change in one call (as then) and no request open. A policy by reference is as is.
def _one_call_policy(data: dict[str, object]) -> dict[str, object]:
    policy = data["policy"]
    if isinstance(policy, dict) and "ref" not in policy:
        return {**data, "policy": {**policy, "two_step": []}}
    return data


register_upcaster("grids.grid_event.Reported", 2, _one_call_policy)
register_upcaster("grids.grid_event", 2, lambda d: {**_one_call_policy(d), "pending": None})
