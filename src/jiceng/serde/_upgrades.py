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
