from __future__ import annotations

import re
from pathlib import Path

from jiceng.mediation import MEDIATION, MediationCase, MediationState

DOCS = Path(__file__).parents[2] / "docs" / "mediation.md"


def test_every_row_names_its_legal_source() -> None:
    missing = [row.command for row in MEDIATION.transitions if row.source is None]
    assert missing == []


def test_every_command_but_the_final_acceptances_is_a_case_method() -> None:
    recorded_by_accept = {"choose_mediator", "agree_terms"}
    for command in set(MEDIATION.commands) - recorded_by_accept:
        assert callable(getattr(MediationCase, command)), command
    assert not recorded_by_accept & set(dir(MediationCase))


def test_the_outcomes_are_final() -> None:
    assert MEDIATION.final == {
        MediationState.PERFORMED,
        MediationState.REFERRED_TO_COURT,
        MediationState.TERMINATED,
    }
    assert MEDIATION.allowed(MediationState.TERMINATED) == ()


def test_a_session_is_allowed_only_before_agreement() -> None:
    allowing = {s for s in MediationState if "hold_session" in MEDIATION.allowed(s)}
    assert allowing == {MediationState.MEDIATING, MediationState.PROPOSED}


def test_the_docs_diagram_is_the_tables_diagram() -> None:
    fences = re.findall(r"```mermaid\n(.*?)\n```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert fences == [MEDIATION.mermaid("zh")]
