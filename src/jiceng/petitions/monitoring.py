"""Monitoring cycles (监测周期): checkpoints at a cadence, targets on the rates, and the report
a cycle gives at one of its checkpoints."""

from jiceng.petitions._monitoring import (
    Cadence,
    Checkpoint,
    Measure,
    MonitoringCycle,
    MonitoringReport,
    Target,
    TargetResult,
)

__all__ = [
    "Cadence",
    "Checkpoint",
    "Measure",
    "MonitoringCycle",
    "MonitoringReport",
    "Target",
    "TargetResult",
]
