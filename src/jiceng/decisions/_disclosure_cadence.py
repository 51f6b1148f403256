"""How often a village must post (公开时间): `DisclosureCadence` and the gaps it finds.

村民委员会组织法(2018) 第30条第2款, 山东省村务公开条例(2018) 第12条: general matters at least
every quarter, finances every month. Major matters are to be posted "随时" (at once);
neither text gives a number of days, so no deadline is checked for them.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from jiceng import DEFAULT_TZ, Source
from jiceng.checks import day, flag, instance_of, text, zone
from jiceng.decisions._cadence import Cadence, Every
from jiceng.decisions._disclosure import Disclosure
from jiceng.decisions._disclosure_data import DisclosureCategory
from jiceng.exceptions import FieldError, ValidationError

_SHANDONG_REGULATION = "山东省村务公开条例(2018)"
_VILLAGE_LAW = "村民委员会组织法(2018)"


@attrs.frozen(kw_only=True)
class DisclosureGaps:
    """The periods of ``[start, end)`` in which a village posted nothing it had to post.

    `general`: the first days of the periods (quarters, by law) without a general-matters
    notice; `finances`: those of the periods (months) without a finance notice. Each list
    comes with the rule it applies; `finances_rule` is None when the policy asks nothing of
    this village's finances (national law, finances not frequent).
    """

    start: pendulum.Date
    end: pendulum.Date
    general: tuple[pendulum.Date, ...]
    general_rule: Source
    finances: tuple[pendulum.Date, ...]
    finances_rule: Source | None

    @property
    def ok(self) -> bool:
        """Whether every period had its notice."""
        return not self.general and not self.finances


_DAY = day()
_DISCLOSURE = instance_of(Disclosure)


@attrs.frozen(kw_only=True)
class DisclosureCadence:
    """How often a village must post (公开时间): general matters every `general` period,
    finances (财务收支情况) every `finances` period.

    `finances_if_frequent`: the finance rule binds only a village whose collective finances
    are frequent (集体财务往来较多, national law); when False it binds every village (山东).
    `tz`: the zone in which a notice's posting day is taken. Major matters (重大事项) are to be
    posted 随时 (at once), a time neither text puts in days: they are not checked here.
    """

    name: str = attrs.field(validator=text())
    general: Cadence = attrs.field(validator=instance_of(Cadence))
    finances: Cadence = attrs.field(validator=instance_of(Cadence))
    finances_if_frequent: bool = attrs.field(validator=flag())
    tz: str = attrs.field(default=DEFAULT_TZ, validator=zone())

    def gaps(
        self,
        disclosures: Iterable[Disclosure],
        *,
        start: pendulum.Date,
        end: pendulum.Date,
        frequent_finances: bool | None = None,
    ) -> DisclosureGaps:
        """The periods of ``[start, end)`` without the notices this policy asks for.

        `start` and `end` must fall on the first day of a general and a finance period (a
        quarter's first day, by law), so that every period asked about is whole. Notices
        posted outside ``[start, end)`` are ignored. `frequent_finances` says whether the
        village's collective finances are frequent; it must be given when the policy's
        finance rule depends on it, and is ignored otherwise.
        """
        errors = [*_DAY.problems(start, "start"), *_DAY.problems(end, "end")]
        if errors:
            raise ValidationError(errors, subject="disclosure cadence")
        if end <= start:
            errors.append(FieldError("end", f"must come after start ({start}), got {end}"))
        for path, first in (("start", start), ("end", end)):
            for cadence in (self.general, self.finances):
                if cadence.period(first)[0] != first:
                    msg = f"must be the first day of a {cadence.every.value}, got {first}"
                    errors.append(FieldError(path, msg))
                    break
        if self.finances_if_frequent and frequent_finances is None:
            msg = f"must say whether the village's finances are frequent under {self.name}"
            errors.append(FieldError("frequent_finances", msg))
        general: list[pendulum.Date] = []
        finances: list[pendulum.Date] = []
        given: Iterable[object] = disclosures  # checked: callers may pass anything
        for i, notice in enumerate(given):
            if not isinstance(notice, Disclosure):
                errors += _DISCLOSURE.problems(notice, f"disclosures[{i}]")
                continue
            local = notice.created.in_timezone(self.tz).date()
            if start <= local < end:
                posted = finances if notice.category is DisclosureCategory.FINANCES else general
                posted.append(local)
        if errors:
            raise ValidationError(errors, subject="disclosure cadence")
        binds = not self.finances_if_frequent or bool(frequent_finances)
        return DisclosureGaps(
            start=start,
            end=end,
            general=self.general.missed(general, start=start, end=end),
            general_rule=self.general.source,
            finances=self.finances.missed(finances, start=start, end=end) if binds else (),
            finances_rule=self.finances.source if binds else None,
        )


NATIONAL_DISCLOSURE_CADENCE = DisclosureCadence(
    name="national-2018",
    general=Cadence(
        every=Every.QUARTER,
        source=Source(f"{_VILLAGE_LAW} 第30条第2款", "一般事项至少每季度公布一次"),
    ),
    finances=Cadence(
        every=Every.MONTH,
        source=Source(
            f"{_VILLAGE_LAW} 第30条第2款", "集体财务往来较多的，财务收支情况应当每月公布一次"
        ),
    ),
    finances_if_frequent=True,
)
"""村民委员会组织法 (2018) 第30条: general matters quarterly; finances monthly where frequent."""

SHANDONG_DISCLOSURE_CADENCE = DisclosureCadence(
    name="shandong-2018",
    general=Cadence(
        every=Every.QUARTER,
        source=Source(f"{_SHANDONG_REGULATION} 第12条", "一般事项至少每季度公布一次"),
    ),
    finances=Cadence(
        every=Every.MONTH,
        source=Source(f"{_SHANDONG_REGULATION} 第12条", "财务收支情况应当逐项逐笔每月公布一次"),
    ),
    finances_if_frequent=False,
)
"""山东省村务公开条例 (2018) 第12条: general matters quarterly; finances monthly, every village."""
