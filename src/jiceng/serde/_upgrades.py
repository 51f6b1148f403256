"""The upcasters and aliases of the built-in documents, one line each, oldest first.

A document type (a machine, or a machine's event) whose fields change gets an upcaster
here, from the version it had to the next, so that the documents stored by earlier
versions of jiceng still read: ``tests/golden/`` holds such documents, and the tests read
them. Each line names the change and why.
"""

from __future__ import annotations

from jiceng.serde._documents import register_alias, register_upcaster

__all__ = ["register_alias", "register_upcaster"]  # the lines below use them

# petitions: the petitioner's address (住址, 信访工作条例(2022) 第19条) is recorded on
# registration; documents stored before it read with no address (None: 住址未载明).
register_upcaster("petitions.petition.Registered", 1, lambda d: {**d, "address": None})
register_upcaster("petitions.petition", 1, lambda d: {**d, "address": None})
