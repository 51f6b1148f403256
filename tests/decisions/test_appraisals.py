from __future__ import annotations

import pytest

from jiceng import Actor, Source
from jiceng.decisions.kinds import VILLAGER_REPRESENTATIVES, VILLAGERS_ASSEMBLY
from jiceng.decisions.meetings import (
    DEMOCRATIC_APPRAISAL,
    MAX_APPRAISALS,
    Appraisal,
    AppraisalRule,
    Rating,
)
from jiceng.decisions.thresholds import AT_LEAST_ONE_THIRD, MORE_THAN_HALF
from jiceng.exceptions import ValidationError
from tests.decisions.village import round_trip

C, B, NO = Rating.COMPETENT, Rating.BASICALLY_COMPETENT, Rating.INCOMPETENT


def test_the_assembly_and_the_representatives_appraise_cadres_under_article_33() -> None:
    assert VILLAGERS_ASSEMBLY.appraisal is DEMOCRATIC_APPRAISAL
    assert VILLAGER_REPRESENTATIVES.appraisal is DEMOCRATIC_APPRAISAL
    assert DEMOCRATIC_APPRAISAL.term_source.citation == "村民委员会组织法(2018) 第33条"
    assert Rating.INCOMPETENT.label.zh == "不称职"


def test_more_than_half_incompetent_ratings_make_the_verdict_incompetent() -> None:
    verdict = DEMOCRATIC_APPRAISAL.verdict
    assert verdict(competent=2, basically_competent=0, incompetent=3) is NO
    assert verdict(competent=0, basically_competent=2, incompetent=2) is B  # half is not more
    assert verdict(competent=3, basically_competent=1, incompetent=1) is C
    assert verdict(competent=2, basically_competent=2, incompetent=0) is B
    assert verdict(competent=0, basically_competent=0, incompetent=0) is None


def test_a_stricter_rule_rates_incompetent_on_a_third_of_the_ratings() -> None:
    strict = AppraisalRule(
        competent=MORE_THAN_HALF, incompetent=AT_LEAST_ONE_THIRD, source=Source("评议细则")
    )
    assert strict.verdict(competent=4, basically_competent=0, incompetent=2) is NO


def test_two_incompetent_verdicts_in_a_row_end_a_term() -> None:
    ends = DEMOCRATIC_APPRAISAL.term_ends
    assert ends([C, NO, NO])
    assert not ends([NO, C, NO])
    assert not ends([NO])
    assert not ends([NO, None])
    never = AppraisalRule(
        competent=MORE_THAN_HALF,
        incompetent=MORE_THAN_HALF,
        source=Source("议事规则"),
        ends_term_after=None,
    )
    assert not never.term_ends([NO, NO, NO])


def rule(ends_term_after: object) -> AppraisalRule:
    return AppraisalRule(
        competent=MORE_THAN_HALF,
        incompetent=MORE_THAN_HALF,
        source=Source("x"),
        ends_term_after=ends_term_after,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("count", [0, -1, 1.5, True, "2"])
def test_a_term_ends_after_a_whole_number_of_appraisals(count: object) -> None:
    with pytest.raises(ValidationError) as caught:
        rule(count)
    assert caught.value.paths == ("ends_term_after",)


def test_a_term_ends_after_1_to_20_consecutive_verdicts() -> None:
    assert rule(1).term_ends([NO])
    assert rule(MAX_APPRAISALS).ends_term_after == MAX_APPRAISALS == 20
    with pytest.raises(ValidationError, match="must be at most 20") as caught:
        rule(MAX_APPRAISALS + 1)
    assert caught.value.paths == ("ends_term_after",)


def test_an_appraisal_counts_the_raters_and_survives_serialisation() -> None:
    appraisal = Appraisal(
        cadre=Actor.person("chief", "村主任"),
        competent=20,
        basically_competent=8,
        incompetent=4,
        verdict=C,
    )
    assert appraisal.rated == 32
    assert str(appraisal) == "村主任: 称职 20、基本称职 8、不称职 4（参评 32 人）；评议结果 称职"
    assert round_trip(appraisal) == appraisal
    assert round_trip(DEMOCRATIC_APPRAISAL) == DEMOCRATIC_APPRAISAL
