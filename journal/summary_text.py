"""The visit summary's headline figures in words, one row per figure.

Pure functions over a `journal.visit_summary.VisitSummary`: the HTML page and the PDF
print the same rows. Numbers are the dashboard's (`journal.headline`) worded as the
Progression page words them (`journal.dashboard_text`). A row whose scope the reader
may not see says "not shared".
"""

from dataclasses import dataclass

from journal import dashboard_text
from journal.charts.base import human_date
from mstracker.care.scopes import Scope

NOT_SHARED = "not shared"


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: str
    alert: bool = False  # printed to stand out (PHQ-9 item 9 above 0)


def current_dmt(summary) -> str:
    """The disease-modifying therapy running at the period's end, and since when."""
    if not summary.shared[Scope.THERAPIES]:
        return NOT_SHARED
    current = summary.figures.adherence
    if current is None:
        return "none recorded"
    return f"{current.name} since {human_date(current.start)}"


def figure_rows(summary) -> list[FigureRow]:
    """The headline figures of the period, in the order a neurologist reads them."""
    figures = summary.figures
    shared = summary.shared
    rows = []
    if shared[Scope.RELAPSES_MEASURES]:
        counts = summary.relapse_counts
        relapses = dashboard_text.count(counts.episodes, "relapse episode")
        pseudo = dashboard_text.quantity(counts.pseudo, "possible pseudo-relapse")
        if counts.pseudo:
            rows.append(FigureRow("Relapses", f"{relapses}; {pseudo}, counted apart"))
        else:
            rows.append(FigureRow("Relapses", f"{relapses}; no possible pseudo-relapse"))
        rates = figures.relapse_rates
        if rates is None:
            rate = "no follow-up in this period"
        else:
            rate = (
                f"{rates.overall.rounded:g} per year over "
                f"{dashboard_text.quantity(rates.overall.years, 'year')}"
            )
            if rates.overall.is_short:
                rate += " (too short to show a trend)"
        rows.append(FigureRow("Annualised relapse rate", rate))
        events = figures.events
        gap = dashboard_text.assessment_gap(figures)
        if gap:  # never a reassuring "RAW 0, PIRA 0" without the assessments to show it
            rows.append(FigureRow("RAW and PIRA (EDSS)", gap))
            rows.append(
                FigureRow(
                    "Confirmed EDSS change",
                    f"not known yet: {dashboard_text.assessment_gap_short(figures)}",
                )
            )
        else:
            rows.append(FigureRow("RAW and PIRA (EDSS)", f"RAW {events.raw}, PIRA {events.pira}"))
            change = "; ".join(
                f"{label} {value}" for label, value in dashboard_text.change_rows(figures)
            )
            rows.append(FigureRow("Confirmed EDSS change", change))
    else:
        rows.append(FigureRow("Relapses and disability", NOT_SHARED))
    if shared[Scope.THERAPIES]:
        rows.append(FigureRow("Adherence, 90 days", _adherence(figures.adherence)))
    else:
        rows.append(FigureRow("Adherence, 90 days", NOT_SHARED))
    if shared[Scope.QUESTIONNAIRES]:
        answered = {q.name: q for q in summary.questionnaires}
        for name in ("PHQ-9", "GAD-7"):
            q = answered.get(name)
            if q is None:
                rows.append(FigureRow(f"{name} (latest)", "none answered"))
                continue
            value = f"{q.score} ({q.band}), {human_date(q.date)}"
            if q.item9_positive:
                value += "; ITEM 9 (thoughts of self-harm) ABOVE 0"
            rows.append(FigureRow(f"{name} (latest)", value, alert=q.item9_positive))
    else:
        rows.append(FigureRow("PHQ-9 and GAD-7", NOT_SHARED))
    if shared[Scope.LIFESTYLE]:
        rows.extend(_lifestyle(summary))
    else:
        rows.append(FigureRow("Exercise, vitamin D, smoking", NOT_SHARED))
    return rows


def _adherence(current) -> str:
    if current is None:
        return "no disease-modifying therapy running"
    percent = current.percents.get(90)
    if percent is None:
        return f"{current.name}: no dose due yet"
    kind = "infusions" if current.clinic_administered else "doses"
    return f"{current.name}: {percent:.0f}% of {kind} taken on time"


def _lifestyle(summary) -> list[FigureRow]:
    figures = summary.figures
    aerobic = figures.aerobic
    goal = summary.data.goal_minutes
    exercise = (
        f"{aerobic.mean_minutes:.0f} min a week (goal {goal}); goal met in "
        f"{aerobic.weeks_goal_met} of {len(aerobic.weeks)} weeks"
    )
    level = figures.vitamin_d
    if level is None:
        vitamin_d = "no result recorded"
    else:
        vitamin_d = (
            f"{level.ng_ml:.0f} ng/mL ({level.nmol_l:.0f} nmol/L), {level.band.value}, "
            f"{human_date(level.date)}"
        )
    status = figures.smoking_status
    if status is None:
        smoking = "not recorded"
    else:
        smoking = status.value
        if figures.smoke_free_days is not None:
            smoking += f", smoke-free for {dashboard_text.count(figures.smoke_free_days, 'day')}"
    return [
        FigureRow("Aerobic exercise (12 weeks)", exercise),
        FigureRow("Vitamin D (latest)", vitamin_d),
        FigureRow("Smoking", smoking),
    ]
