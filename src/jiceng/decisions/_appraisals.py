"""Democratic appraisal (民主评议, 述职评议): cadres report on their duties and are rated.

村民委员会组织法(2018) 第33条: the members of the villagers' committee (and staff paid from
village funds) are appraised by the 村民会议 or the 村民代表会议 on how they performed their
duties, at least once a year; a member rated 不称职 twice in a row leaves office. The law
names the ratings but not how a meeting's ratings make a verdict: an `AppraisalRule` says
so as data, and a `MeetingKind` that holds appraisals carries one.

>>> rule = AppraisalRule(
...     competent=MORE_THAN_HALF, incompetent=MORE_THAN_HALF, source=Source("议事规则")
... )
>>> rule.verdict(competent=17, basically_competent=10, incompetent=5)
<Rating.COMPETENT: 'competent'>
>>> rule.term_ends([Rating.INCOMPETENT, Rating.INCOMPETENT])
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from jiceng import Actor, Labelled, Source
from jiceng.checks import between, instance_of, optional
from jiceng.decisions._thresholds import MORE_THAN_HALF, Threshold

_APPRAISAL_ARTICLE = "村民委员会组织法(2018) 第33条"
_TERM_ENDS = Source(_APPRAISAL_ARTICLE, "村民委员会成员连续两次被评议不称职的，其职务终止")


class Rating(Labelled):
    """A rating of a cadre's performance (评议等次), as 第33条 names them."""

    COMPETENT = "competent", "称职", "competent"
    BASICALLY_COMPETENT = "basically_competent", "基本称职", "basically competent"
    INCOMPETENT = "incompetent", "不称职", "incompetent"


MAX_APPRAISALS: Final = 20
"""The most consecutive verdicts a rule may count before a term ends: 20, an appraisal every
quarter over a five-year term (第33条 asks one a year at least; 第11条: 每届任期五年)."""


@attrs.frozen(kw_only=True)
class AppraisalRule:
    """How one cadre's ratings at a meeting make a verdict, and when verdicts end a term.

    The verdict is 不称职 when the 不称职 ratings reach `incompetent` (a share of the ratings
    given), else 称职 when the 称职 ratings reach `competent`, else 基本称职.
    `ends_term_after` consecutive 不称职 verdicts (1 to `MAX_APPRAISALS`) end the term
    (第33条: 连续两次); `None` when the body's verdicts end nothing by themselves.
    """

    competent: Threshold = attrs.field(validator=instance_of(Threshold))
    incompetent: Threshold = attrs.field(validator=instance_of(Threshold))
    source: Source = attrs.field(validator=instance_of(Source))
    ends_term_after: int | None = attrs.field(
        default=2, validator=optional(between(1, MAX_APPRAISALS))
    )
    term_source: Source = attrs.field(default=_TERM_ENDS, validator=instance_of(Source))

    def verdict(
        self, *, competent: int, basically_competent: int, incompetent: int
    ) -> Rating | None:
        """The verdict on these counts of ratings; `None` when nobody rated."""
        given = competent + basically_competent + incompetent
        if given == 0:
            return None
        if self.incompetent.met(incompetent, given):
            return Rating.INCOMPETENT
        if self.competent.met(competent, given):
            return Rating.COMPETENT
        return Rating.BASICALLY_COMPETENT

    def appraise(self, cadre: Actor, ratings: Iterable[Rating]) -> Appraisal:
        """`cadre`'s appraisal from the `ratings` given, with this rule's verdict."""
        given = list(ratings)
        competent, basically_competent, incompetent = (given.count(r) for r in Rating)
        return Appraisal(
            cadre=cadre,
            competent=competent,
            basically_competent=basically_competent,
            incompetent=incompetent,
            verdict=self.verdict(
                competent=competent,
                basically_competent=basically_competent,
                incompetent=incompetent,
            ),
        )

    def term_ends(self, verdicts: Sequence[Rating | None]) -> bool:
        """Whether the latest verdicts, oldest first, end the term (连续 ``ends_term_after``
        times 不称职)."""
        n = self.ends_term_after
        if n is None or len(verdicts) < n:
            return False
        return all(v is Rating.INCOMPETENT for v in verdicts[-n:])


DEMOCRATIC_APPRAISAL = AppraisalRule(
    competent=MORE_THAN_HALF,
    incompetent=MORE_THAN_HALF,
    source=Source(
        f"{_APPRAISAL_ARTICLE}; 评议规则 (practice default)",
        "应当接受村民会议或者村民代表会议对其履行职责情况的民主评议",
    ),
)
"""第33条 appraisal by the 村民会议 or the 村民代表会议. The law does not say how ratings make a
verdict; this default takes more than half of the ratings given: 不称职 first, then 称职."""


@attrs.frozen(kw_only=True)
class CadreRating:
    """That `rater` rated `cadre` (by id) at a meeting (评议票)."""

    cadre: str
    rater: str
    rating: Rating


@attrs.frozen(kw_only=True)
class Appraisal:
    """One cadre's ratings at a meeting, counted, and the verdict the kind's rule gives."""

    cadre: Actor
    competent: int
    basically_competent: int
    incompetent: int
    verdict: Rating | None

    @property
    def rated(self) -> int:
        """How many members rated the cadre (参评人数)."""
        return self.competent + self.basically_competent + self.incompetent

    def __str__(self) -> str:
        outcome = self.verdict.zh if self.verdict is not None else "无人评议"
        who = self.cadre.name or self.cadre.id
        return (
            f"{who}: 称职 {self.competent}、基本称职 {self.basically_competent}、"
            f"不称职 {self.incompetent}（参评 {self.rated} 人）；评议结果 {outcome}"
        )
