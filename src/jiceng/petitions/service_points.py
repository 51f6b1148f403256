"""Service points (便民服务点) with fixed-time office by appointment (定点约时办公): the time
limit written on a ticket dispatched to the point for a booked office day."""

from jiceng.petitions._service_points import ServicePoint

__all__ = ["ServicePoint"]
