"""The journal's records, one module per kind."""

from .base import JournalEntry
from .checkins import CheckIn, SymptomScore
from .exercise import ExerciseKind, ExerciseSession, Intensity
from .labs import LabKind, LabResult, LabUnit
from .measures import Measure, MeasureKind, Source
from .mri import MriReport, MriSource, Region
from .questionnaires import QuestionnaireKind, QuestionnaireResponse
from .relapses import Function, Recovery, Relapse, Severity
from .selftests import InputKind, SelfTestKind, SelfTestRun
from .smoking import SmokingRecord, SmokingStatus
from .symptoms import JournalSettings, Symptom
from .vitamin_d import LevelUnit, Regimen, VitaminDDose, VitaminDLevel

__all__ = [
    "CheckIn",
    "ExerciseKind",
    "ExerciseSession",
    "Function",
    "InputKind",
    "Intensity",
    "JournalEntry",
    "JournalSettings",
    "LabKind",
    "LabResult",
    "LabUnit",
    "LevelUnit",
    "Measure",
    "MeasureKind",
    "MriReport",
    "MriSource",
    "QuestionnaireKind",
    "QuestionnaireResponse",
    "Recovery",
    "Regimen",
    "Region",
    "Relapse",
    "SelfTestKind",
    "SelfTestRun",
    "Severity",
    "SmokingRecord",
    "SmokingStatus",
    "Source",
    "Symptom",
    "SymptomScore",
    "VitaminDDose",
    "VitaminDLevel",
]
