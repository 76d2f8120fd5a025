"""The journal's browser forms, one module per kind; validation comes from the models."""

from .checkins import CheckInForm, DateRangeForm, OwnSymptomForm, SameAsYesterdayForm
from .labs import LabResultForm
from .mri import MriReportForm
from .records import (
    ExerciseForm,
    ExerciseGoalForm,
    MeasureForm,
    QuestionnaireForm,
    RelapseForm,
    SmokingForm,
    VitaminDDoseForm,
    VitaminDLevelForm,
)

__all__ = [
    "CheckInForm",
    "DateRangeForm",
    "ExerciseForm",
    "ExerciseGoalForm",
    "LabResultForm",
    "MeasureForm",
    "MriReportForm",
    "OwnSymptomForm",
    "QuestionnaireForm",
    "RelapseForm",
    "SameAsYesterdayForm",
    "SmokingForm",
    "VitaminDDoseForm",
    "VitaminDLevelForm",
]
