"""The journal's records, one module per kind."""

from .base import JournalEntry
from .checkins import CheckIn, SymptomScore
from .exercise import ExerciseKind, ExerciseSession, Intensity
from .measures import Measure, MeasureKind, Source
from .questionnaires import QuestionnaireKind, QuestionnaireResponse
from .relapses import Function, Recovery, Relapse, Severity
from .smoking import SmokingRecord, SmokingStatus
from .symptoms import JournalSettings, Symptom
from .vitamin_d import LevelUnit, Regimen, VitaminDDose, VitaminDLevel

__all__ = [
    "CheckIn",
    "ExerciseKind",
    "ExerciseSession",
    "Function",
    "Intensity",
    "JournalEntry",
    "JournalSettings",
    "LevelUnit",
    "Measure",
    "MeasureKind",
    "QuestionnaireKind",
    "QuestionnaireResponse",
    "Recovery",
    "Regimen",
    "Relapse",
    "Severity",
    "SmokingRecord",
    "SmokingStatus",
    "Source",
    "Symptom",
    "SymptomScore",
    "VitaminDDose",
    "VitaminDLevel",
]
