"""The dashboard's charts for gathered data, in page order, all on one time axis.

Pure: takes a `journal.dashboard.DashboardData` and returns `ChartFigure`s (spec,
caption and table) for `journal/_chart.html`; the clinician PDF can `stack()` the
same specs and render them to SVG.
"""

from journal.charts import (
    ChartFigure,
    disability,
    exercise,
    relapses,
    smoking,
    symptoms,
    therapies,
    vitamin_d,
)
from journal.figures import aerobic_weeks


def chart_figures(data) -> list[ChartFigure]:
    """Relapses, the chosen disability measure with its RAW/PIRA events, symptoms,
    therapies, aerobic exercise, vitamin D and smoking, over `data.span`."""
    span = data.span
    weeks = aerobic_weeks(
        data.exercise, span.start, span.end, data.goal_minutes, data.goal_sessions
    )
    return [
        relapses.figure(data.relapses, span),
        disability.figure(data.measure, data.assessments, data.progression, span),
        symptoms.figure(data.symptoms, span),
        therapies.figure(data.courses, span),
        exercise.figure(weeks, span),
        vitamin_d.figure(data.vitamin_d_levels, span),
        smoking.figure(data.smoking, span),
    ]
