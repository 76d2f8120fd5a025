"""The journal's shared words and constants, declared once.

The same fact must read the same everywhere (issue 18): the 30-day window, the
units, the smoking statuses, the weekly aerobic goal and the names of relapse
episodes and onsets are defined here, and the rules, figures, charts, pages and API
import them instead of re-declaring their own. No Django, no journal imports.
"""

from enum import StrEnum

# The 30-day window: an onset less than 30 days after the previous one belongs to the
# same relapse episode (DESIGN.md section 3); also the "30 days after a relapse" of the
# symptom burden and the "last 30 days" of vitamin D supplementation.
RECENT_DAYS = 30

# Serum 25(OH)D units: 1 ng/mL = 2.496 nmol/L (molar mass of 25(OH)D3, 400.64 g/mol).
NG_PER_ML = "ng/mL"
NMOL_PER_L = "nmol/L"
NMOL_PER_NG = 2.496


class VitaminDUnit(StrEnum):
    NG_ML = NG_PER_ML
    NMOL_L = NMOL_PER_L


class SmokingStatus(StrEnum):
    NEVER = "never"
    FORMER = "former"
    CURRENT = "current"


# The weekly aerobic goal by default: 90 minutes in 3 sessions, the product's "30 minutes
# 3 times a week"; between the minimum of the MS physical activity guidelines (30 minutes
# of moderate aerobic activity twice a week, Latimer-Cheung et al., Arch Phys Med Rehabil
# 2013) and the 150 minutes a week of Kalb et al., Mult Scler 2020. Weeks are ISO weeks
# (Monday to Sunday) everywhere: the Today card, the exercise page, the dashboard and the
# weekly summary message count the same minutes.
AEROBIC = "aerobic"
AEROBIC_GOAL_MINUTES = 90
AEROBIC_GOAL_SESSIONS = 3

# Relapses are counted two ways and always named by which: an *episode* is what the
# relapse rate and the headline count (linked onsets under 30 days apart are one; possible
# pseudo-relapses left out); an *onset* is each recorded start, what the chart draws.
EPISODE = ("relapse episode", "relapse episodes")
ONSET = ("relapse onset", "relapse onsets")
