"""Seed the shared drug catalogue: FDA-approved MS DMTs, symptomatic and investigational drugs.

Schedules follow the US prescribing information (maintenance dosing; titration
doses on the same days are not separate doses). Windows are the defaults of
``therapies.schedules.default_window`` unless set here. The data is frozen in
this file so the migration gives the same rows forever; later changes are new
migrations or staff edits in the admin. Re-running updates rows by code.
"""

from django.db import migrations

ORAL, SC, IM, IV = "oral", "subcutaneous", "intramuscular", "intravenous"
DMT, SYMPTOMATIC, INVESTIGATIONAL = "dmt", "symptomatic", "investigational"
EVENING = ["20:00"]
MORNING = ["08:00"]
TWICE = ["08:00", "20:00"]
THRICE = ["08:00", "14:00", "20:00"]
CLINIC = ["09:00"]


def daily(times=MORNING):
    return {"kind": "daily", "times": times}


def every(days, times=EVENING, loading=None):
    schedule = {"kind": "every_n_days", "interval": days, "times": times}
    if loading:
        schedule["loading_days"] = loading
    return schedule


def three_weekly():
    return {"kind": "weekdays", "weekdays": ["mon", "wed", "fri"], "times": EVENING}


def months(n, loading=None, max_doses=None, times=CLINIC):
    schedule = {"kind": "monthly", "interval": n, "times": times}
    if loading:
        schedule["loading_days"] = loading
    if max_doses:
        schedule["max_doses"] = max_doses
    return schedule


def courses(days, times=MORNING):
    return {"kind": "courses", "loading_days": days, "times": times}


def week(first_day, length=5):
    return list(range(first_day, first_day + length))


# code, name, brand names, class, route, category, schedule, dose, unit, clinic, notes
# fmt: off
DRUGS = [
    # --- Disease-modifying therapies (FDA-approved for relapsing forms of MS) ---
    ("interferon-beta-1b", "Interferon beta-1b", ["Betaseron", "Extavia"], "interferon", SC, DMT,
     every(2), 250, "mcg", False,
     "Every other day, usually in the evening so flu-like symptoms pass in sleep."),
    ("interferon-beta-1a-im", "Interferon beta-1a (intramuscular)", ["Avonex"], "interferon", IM,
     DMT, every(7), 30, "mcg", False, "Once a week, on the same day each week."),
    ("interferon-beta-1a-sc", "Interferon beta-1a (subcutaneous)", ["Rebif"], "interferon", SC,
     DMT, three_weekly(), 44, "mcg", False,
     "Three times a week at least 48 hours apart, e.g. Monday, Wednesday, Friday."),
    ("peginterferon-beta-1a", "Peginterferon beta-1a", ["Plegridy"], "interferon", SC, DMT,
     every(14), 125, "mcg", False,
     "Every 14 days (subcutaneous or intramuscular); doses 1 and 2 are titration doses."),
    ("glatiramer-20", "Glatiramer acetate 20 mg", ["Copaxone", "Glatopa"], "glatiramer", SC, DMT,
     daily(), 20, "mg", False, "20 mg once a day."),
    ("glatiramer-40", "Glatiramer acetate 40 mg", ["Copaxone", "Glatopa"], "glatiramer", SC, DMT,
     three_weekly(), 40, "mg", False, "40 mg three times a week, at least 48 hours apart."),
    ("teriflunomide", "Teriflunomide", ["Aubagio"], "pyrimidine_synthesis_inhibitor", ORAL, DMT,
     daily(), 14, "mg", False, "Once a day. Liver tests before and during treatment."),
    ("fingolimod", "Fingolimod", ["Gilenya", "Tascenso ODT"], "s1p_modulator", ORAL, DMT,
     daily(), 0.5, "mg", False,
     "Once a day. First dose with heart monitoring; after a break of over 2 weeks too."),
    ("siponimod", "Siponimod", ["Mayzent"], "s1p_modulator", ORAL, DMT, daily(), 2, "mg", False,
     "Once a day after a 5-day titration; dose depends on CYP2C9 genotype."),
    ("ozanimod", "Ozanimod", ["Zeposia"], "s1p_modulator", ORAL, DMT, daily(), 0.92, "mg", False,
     "Once a day after a 7-day titration."),
    ("ponesimod", "Ponesimod", ["Ponvory"], "s1p_modulator", ORAL, DMT, daily(), 20, "mg", False,
     "Once a day after a 14-day titration."),
    ("dimethyl-fumarate", "Dimethyl fumarate", ["Tecfidera"], "fumarate", ORAL, DMT,
     daily(TWICE), 240, "mg", False, "Twice a day; with food reduces flushing."),
    ("diroximel-fumarate", "Diroximel fumarate", ["Vumerity"], "fumarate", ORAL, DMT,
     daily(TWICE), 462, "mg", False, "Two 231 mg capsules twice a day."),
    ("monomethyl-fumarate", "Monomethyl fumarate", ["Bafiertam"], "fumarate", ORAL, DMT,
     daily(TWICE), 190, "mg", False, "Two 95 mg capsules twice a day."),
    ("cladribine", "Cladribine tablets", ["Mavenclad"], "purine_analogue", ORAL, DMT,
     courses(week(0) + week(28) + week(365) + week(393)), 10, "mg", False,
     "Two yearly treatment courses (year 1 and year 2), each of two treatment weeks about "
     "a month apart, 4 or 5 days each, 1-2 tablets a day by weight (3.5 mg/kg in total). "
     "Adjust the days to your prescription."),
    ("natalizumab", "Natalizumab", ["Tysabri", "Tyruko"], "anti_alpha4_integrin", IV, DMT,
     every(28, CLINIC), 300, "mg", True,
     "Infusion every 4 weeks. JC virus antibody testing for PML risk."),
    ("alemtuzumab", "Alemtuzumab", ["Lemtrada"], "anti_cd52", IV, DMT,
     courses(week(0) + week(365, 3), CLINIC), 12, "mg", True,
     "Two yearly courses: 5 daily infusions, then 3 daily infusions 12 months later. "
     "Monthly blood and urine tests until 48 months after the last infusion."),
    ("ocrelizumab-iv", "Ocrelizumab (intravenous)", ["Ocrevus"], "anti_cd20", IV, DMT,
     months(6, loading=[0, 14]), 600, "mg", True,
     "First dose split into two 300 mg infusions two weeks apart, then 600 mg every 6 months."),
    ("ocrelizumab-sc", "Ocrelizumab (subcutaneous)", ["Ocrevus Zunovo"], "anti_cd20", SC, DMT,
     months(6), 920, "mg", True,
     "920 mg every 6 months, given by a healthcare professional; the label needs no split "
     "first dose for this form (after IV ocrelizumab, continue on the IV schedule's dates)."),
    ("ofatumumab", "Ofatumumab", ["Kesimpta"], "anti_cd20", SC, DMT,
     months(1, loading=[0, 7, 14], times=MORNING), 20, "mg", False,
     "Self-injected: weeks 0, 1 and 2, then monthly from week 4."),
    ("ublituximab", "Ublituximab", ["Briumvi"], "anti_cd20", IV, DMT,
     every(168, CLINIC, loading=[0, 14]), 450, "mg", True,
     "150 mg on day 1 and 450 mg on day 15, then 450 mg every 24 weeks from the first infusion."),
    ("mitoxantrone", "Mitoxantrone", ["Novantrone"], "anthracenedione", IV, DMT,
     months(3, max_doses=11), 12, "mg/m2", True,
     "12 mg/m² every 3 months. Lifetime cumulative limit 140 mg/m² (heart toxicity): "
     "at most 11 doses; heart function checked before each dose."),
    ("rituximab", "Rituximab (off-label)", ["Rituxan", "MabThera", "Truxima", "Ruxience"],
     "anti_cd20", IV, DMT, months(6), 1000, "mg", True,
     "Not FDA-approved for MS; used off-label as an anti-CD20 therapy, usually every 6 months."),
    # --- Symptomatic treatments ---
    ("dalfampridine", "Dalfampridine (fampridine)", ["Ampyra", "Fampyra"],
     "potassium_channel_blocker", ORAL, SYMPTOMATIC, daily(TWICE), 10, "mg", False,
     "For walking: 10 mg twice a day about 12 hours apart; never more than 2 tablets in 24 h "
     "(seizure risk)."),
    ("baclofen", "Baclofen", ["Lioresal", "Ozobax", "Fleqsuvy"], "muscle_relaxant", ORAL,
     SYMPTOMATIC, daily(THRICE), 10, "mg", False,
     "For spasticity; dose is built up slowly and never stopped suddenly."),
    ("tizanidine", "Tizanidine", ["Zanaflex"], "muscle_relaxant", ORAL, SYMPTOMATIC,
     daily(THRICE), 4, "mg", False, "For spasticity; up to three doses a day."),
    ("modafinil", "Modafinil", ["Provigil"], "wakefulness", ORAL, SYMPTOMATIC, daily(), 200,
     "mg", False, "For fatigue (off-label in MS); in the morning."),
    # --- Investigational neuroprotective and remyelinating agents (trials only) ---
    ("phenytoin", "Phenytoin (neuroprotection trial)", ["Dilantin"], "sodium_channel_blocker",
     ORAL, INVESTIGATIONAL, daily(), 300, "mg", False,
     "Studied for neuroprotection in acute optic neuritis (Raftopoulos et al., Lancet "
     "Neurology 2016). Take only as your trial protocol says."),
    ("lamotrigine", "Lamotrigine (neuroprotection trial)", ["Lamictal"], "sodium_channel_blocker",
     ORAL, INVESTIGATIONAL, daily(), 400, "mg", False,
     "Studied in secondary progressive MS (Kapoor et al., Lancet Neurology 2010)."),
    ("biotin-high-dose", "Biotin, high dose (MD1003)", ["Qizenday"], "vitamin", ORAL,
     INVESTIGATIONAL, daily(THRICE), 100, "mg", False,
     "100 mg three times a day in trials (SPI2, Cree et al., Lancet Neurology 2020). "
     "Tell your lab: high-dose biotin distorts many blood tests."),
    ("idebenone", "Idebenone", ["Raxone"], "antioxidant", ORAL, INVESTIGATIONAL, daily(THRICE),
     750, "mg", False, "Studied in primary progressive MS (IPPoMS trial), 750 mg three times a day."),
    ("clemastine", "Clemastine fumarate (remyelination trial)", ["Tavist"], "antihistamine",
     ORAL, INVESTIGATIONAL, daily(TWICE), 5.36, "mg", False,
     "Studied for remyelination (ReBUILD, Green et al., Lancet 2017); causes drowsiness."),
    ("opicinumab", "Opicinumab (anti-LINGO-1)", [], "anti_lingo1", IV, INVESTIGATIONAL,
     every(28, CLINIC), 100, "mg", True,
     "Investigational remyelinating antibody, infused every 4 weeks in trials (SYNERGY, AFFINITY); "
     "the dose is per kg of body weight."),
]
# fmt: on


def seed(apps, schema_editor):
    Drug = apps.get_model("therapies", "Drug")
    for (
        code,
        name,
        brands,
        drug_class,
        route,
        category,
        schedule,
        dose,
        unit,
        clinic,
        notes,
    ) in DRUGS:
        Drug.objects.update_or_create(
            code=code,
            owner=None,
            defaults={
                "name": name,
                "brand_names": brands,
                "drug_class": drug_class,
                "route": route,
                "category": category,
                "schedule": schedule,
                "usual_dose": dose,
                "dose_unit": unit,
                "clinic_administered": clinic,
                "notes": notes,
            },
        )


def unseed(apps, schema_editor):
    Drug = apps.get_model("therapies", "Drug")
    Drug.objects.filter(owner=None, code__in=[row[0] for row in DRUGS], courses=None).delete()


class Migration(migrations.Migration):
    dependencies = [("therapies", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
