"""Open311 GeoReport v2: a grid event as a service request, for platforms that speak it."""

from jiceng.grids._open311 import to_open311

__all__ = ["to_open311"]
