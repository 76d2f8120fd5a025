"""Therapies data: the drug catalogue, a patient's courses, dose logs and side effects."""

from .catalogue import Category, Drug, DrugClass, Route
from .courses import Course, DoseUnit, Severity, SideEffect, StopReason
from .doses import DoseLog, DoseStatus

__all__ = [
    "Category",
    "Course",
    "DoseLog",
    "DoseStatus",
    "DoseUnit",
    "Drug",
    "DrugClass",
    "Route",
    "Severity",
    "SideEffect",
    "StopReason",
]
