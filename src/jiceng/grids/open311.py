"""Open311 GeoReport v2: a grid event as a service request, a policy's categories as the
`services` list, and a posted service request read as the arguments of a report."""

from jiceng.grids._open311 import from_open311, services, to_open311

__all__ = ["from_open311", "services", "to_open311"]
