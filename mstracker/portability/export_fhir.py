"""The FHIR R4 export: resources built as plain dicts from one query per record kind.

`bundle_chunks` streams a `Bundle` of type `collection` (a patient-generated export,
not a clinical document) whose entries refer to each other by `urn:uuid:` full URLs;
`ndjson_zip` is the FHIR Bulk Data shape: one NDJSON file per resource type, with
`Type/id` references. Ids are UUIDs derived from the row, so two exports of the same
data name the same resources. Rows are read through `kinds` (the JSON export's query and
order for each kind) where a resource needs nothing more. Codes: `fhir_codes`.
"""

import uuid

from django.db.models import F
from django.utils import timezone

from journal import lab_rules, questionnaires, units
from journal.models import CheckIn, Function, Symptom
from therapies.models import Course, DoseLog, StopReason
from therapies.models.validators import parse_schedule

from . import fhir_codes as codes
from .encoding import buffered, dumps
from .kinds import BY_NAME, CHUNK, KINDS
from .zipping import zip_stream

NAMESPACE = uuid.UUID("6f0b7c52-4c0e-4e39-9a57-0c6f5d1f2a10")
RESOURCE_TYPES = (
    "Patient",
    "Condition",
    "Observation",
    "DiagnosticReport",
    "QuestionnaireResponse",
    "MedicationStatement",
    "MedicationAdministration",
)


def resource_id(subject, kind, pk=""):
    return str(uuid.uuid5(NAMESPACE, f"{subject.pk}/{kind}/{pk}"))


def bundle_reference(resource_type, rid):
    return f"urn:uuid:{rid}"


def relative_reference(resource_type, rid):
    return f"{resource_type}/{rid}"


def _stream(queryset, *fields, **expressions):
    return queryset.values(*fields, **expressions).iterator(chunk_size=CHUNK)


def _quantity(value, unit, code=None):
    return {"value": value, "unit": unit, "system": codes.UCUM, "code": code or unit}


class Builder:
    """Makes the subject's resources of each type; `ref` says how to refer to one."""

    def __init__(self, subject, ref, kinds=KINDS):
        self.subject = subject
        self.ref = ref
        self.kinds = {kind.name for kind in kinds}  # what the reader may see (kinds_for)
        self.patient_id = resource_id(subject, "patient")
        self.patient_ref = {"reference": ref("Patient", self.patient_id)}

    def resources(self, resource_type):
        return getattr(self, resource_type.lower() + "s")()

    def _rows(self, kind):
        """The subject's rows of an export kind, as the JSON export streams them."""
        if kind not in self.kinds:
            return iter(())
        return BY_NAME[kind].rows(self.subject)

    def _observation(self, kind, pk, code, when, obs_category, **values):
        return {
            "resourceType": "Observation",
            "id": resource_id(self.subject, kind, pk),
            "status": "final",
            "category": codes.category(obs_category),
            "code": code,
            "subject": self.patient_ref,
            "effectiveDateTime": when.isoformat(),
            **values,
        }

    # --- Patient -----------------------------------------------------------------

    def patient_resource(self):
        s = self.subject
        resource = {
            "resourceType": "Patient",
            "id": self.patient_id,
            "identifier": [{"system": codes.USERNAME_SYSTEM, "value": s.username}],
        }
        if s.first_name or s.last_name:
            name = {}
            if s.last_name:
                name["family"] = s.last_name
            if s.first_name:
                name["given"] = [s.first_name]
            resource["name"] = [name]
        if s.email:
            resource["telecom"] = [{"system": "email", "value": s.email}]
        return resource

    def patients(self):
        yield self.patient_resource()

    # --- Condition: MS itself and each relapse -------------------------------------

    def conditions(self):
        s = self.subject
        if s.ms_course in codes.MS_COURSES:
            resource = {
                "resourceType": "Condition",
                "id": resource_id(s, "ms"),
                "clinicalStatus": codes.concept((codes.CONDITION_CLINICAL, "active", "Active")),
                "category": codes.category("problem-list-item", codes.CONDITION_CATEGORY),
                "code": codes.concept(
                    codes.MULTIPLE_SCLEROSIS, codes.MS_COURSES[s.ms_course], text=s.ms_course
                ),
                "subject": self.patient_ref,
            }
            if s.diagnosis_year:
                resource["onsetDateTime"] = str(s.diagnosis_year)
            yield resource
        labels = dict(Function.choices)
        for r in self._rows("relapses"):
            status = "active" if r["end"] is None else "resolved"
            verification = "confirmed" if r["clinician_confirmed"] else "provisional"
            notes = []
            if r["functions"]:
                notes.append("Affected: " + "; ".join(labels.get(f, f) for f in r["functions"]))
            if r["fever_or_infection"]:
                notes.append("Fever or infection at the time: a possible pseudo-relapse.")
            notes.append(
                f"Steroids: {'yes' if r['steroids'] else 'no'}; hospitalised: "
                f"{'yes' if r['hospitalised'] else 'no'}; recovery: {r['recovery']}."
            )
            if r["note"]:
                notes.append(r["note"])
            resource = {
                "resourceType": "Condition",
                "id": resource_id(s, "relapse", r["id"]),
                "clinicalStatus": codes.concept((codes.CONDITION_CLINICAL, status, status.title())),
                "verificationStatus": codes.concept(
                    (codes.CONDITION_VERIFICATION, verification, verification.title())
                ),
                "category": codes.category("problem-list-item", codes.CONDITION_CATEGORY),
                "severity": codes.concept(codes.SEVERITY[r["severity"]]),
                "code": codes.concept(codes.RELAPSE, text="Relapse"),
                "subject": self.patient_ref,
                "onsetDateTime": r["onset"].isoformat(),
                "note": [{"text": text} for text in notes],
            }
            if r["end"] is not None:
                resource["abatementDateTime"] = r["end"].isoformat()
            yield resource

    # --- Observation ---------------------------------------------------------------

    def observations(self):
        yield from self._measures()
        yield from self._checkins()
        yield from self._questionnaire_totals()
        yield from self._smoking()
        yield from self._vitamin_d_levels()
        yield from self._exercise()
        yield from self._mri_findings()
        yield from self._labs()

    def _measures(self):
        for m in self._rows("measures"):
            kind = m["kind"]
            if kind == "pdds":
                value = {"valueInteger": int(m["value"])}
            elif kind == "edss":
                value = {"valueQuantity": _quantity(m["value"], "score", "{score}")}
            elif kind in ("sdt", "tap_dominant", "tap_nondominant"):
                value = {"valueInteger": int(m["value"])}  # correct answers / taps
            else:
                value = {"valueQuantity": _quantity(m["value"], "s")}
            notes = [{"text": f"Source: {m['source']}."}]
            if m["note"]:
                notes.append({"text": m["note"]})
            extra = {}
            if kind.startswith("nhpt_"):
                hand = "dominant hand" if kind == "nhpt_dominant" else "non-dominant hand"
                extra["bodySite"] = {"text": hand}
            yield self._observation(
                "measure",
                m["id"],
                codes.concept(*codes.MEASURES[kind]),
                m["date"],
                codes.MEASURE_CATEGORY[kind],
                **value,
                **extra,
                note=notes,
            )

    def _checkins(self):
        # Its own narrow query, not `kinds`: the join repeats each check-in's columns on
        # every score row, and the timestamps FHIR does not need double the export's time.
        if "checkins" not in self.kinds:
            return
        names = dict(Symptom.objects.for_user(self.subject).values_list("code", "name"))
        rows = (
            CheckIn.objects.filter(user=self.subject)
            .order_by("date", "scores__symptom__position", "scores__symptom__code")
            .values_list(
                "id", "date", "wellbeing", "note", "scores__symptom__code", "scores__score"
            )
            .iterator(chunk_size=CHUNK)
        )
        current, components = None, []
        for pk, date, wellbeing, note, code, score in rows:
            if current is not None and current[0] != pk:
                yield self._checkin(current, components)
                components = []
            current = (pk, date, wellbeing, note)
            if code is not None:
                components.append(
                    {
                        "code": codes.concept((codes.LOCAL_SYMPTOM, code, names.get(code, code))),
                        "valueInteger": score,
                    }
                )
        if current is not None:
            yield self._checkin(current, components)

    def _checkin(self, current, components):
        pk, date, wellbeing, note = current
        wellbeing_component = {"code": codes.concept(codes.WELLBEING), "valueInteger": wellbeing}
        extra = {"note": [{"text": note}]} if note else {}
        return self._observation(
            "checkin",
            pk,
            codes.concept(codes.CHECKIN),
            date,
            "survey",
            component=[wellbeing_component, *components],
            **extra,
        )

    def _questionnaire_totals(self):
        for q in self._rows("questionnaires"):
            response = resource_id(self.subject, "questionnaire", q["id"])
            band = questionnaires.band(q["kind"], q["score"]).label
            yield self._observation(
                "questionnaire-total",
                q["id"],
                codes.concept(codes.QUESTIONNAIRE_TOTALS[q["kind"]]),
                q["date"],
                "survey",
                valueInteger=q["score"],
                interpretation=[{"text": band}],
                derivedFrom=[{"reference": self.ref("QuestionnaireResponse", response)}],
            )

    def _smoking(self):
        for r in self._rows("smoking"):
            status = r["status"]
            if status == "current" and r["cigarettes"]:
                status = "current_daily"
            notes = []
            if r["cigarettes"]:
                notes.append(f"{r['cigarettes']} cigarettes a day.")
            if r["vaping"]:
                notes.append("Uses e-cigarettes (vaping).")
            if r["quit_date"]:
                notes.append(f"Quit on {r['quit_date'].isoformat()}.")
            yield self._observation(
                "smoking",
                r["id"],
                codes.concept(codes.TOBACCO_STATUS),
                r["date"],
                "social-history",
                valueCodeableConcept=codes.concept(codes.TOBACCO_ANSWERS[status]),
                **({"note": [{"text": t} for t in notes]} if notes else {}),
            )

    def _vitamin_d_levels(self):
        for r in self._rows("vitamin_d_levels"):
            ng = round(units.from_nmol(r["nmol_per_l"], units.NG_PER_ML), 1)
            yield self._observation(
                "vitamin-d-level",
                r["id"],
                codes.concept(codes.VITAMIN_D),
                r["date"],
                "laboratory",
                valueQuantity=_quantity(ng, "ng/mL"),
            )

    def _exercise(self):
        for r in self._rows("exercise"):
            components = [
                {
                    "code": codes.concept(codes.EXERCISE_KIND),
                    "valueCodeableConcept": codes.concept(
                        (codes.LOCAL_EXERCISE, r["kind"], r["kind"])
                    ),
                },
                {
                    "code": codes.concept(codes.EXERCISE_INTENSITY),
                    "valueCodeableConcept": codes.concept(
                        (codes.LOCAL_EXERCISE, r["intensity"], r["intensity"])
                    ),
                },
            ]
            yield self._observation(
                "exercise",
                r["id"],
                codes.concept(codes.EXERCISE),
                r["date"],
                "activity",
                valueQuantity=_quantity(r["minutes"], "min"),
                component=components,
                **({"note": [{"text": r["note"]}]} if r["note"] else {}),
            )

    def _mri_findings(self):
        """Per scan, one Observation per lesion count (a count not stated is an
        Observation whose value is absent, "unknown", never 0) and the brain volume
        change when stated; the scan's DiagnosticReport groups them."""
        for r in self._rows("mri_reports"):
            for field, code in codes.MRI_COUNTS.items():
                if field == "enhancing_lesions" and not r["contrast"]:
                    continue  # no contrast, nothing to count
                value = r[field]
                stated = (
                    {"valueInteger": value}
                    if value is not None
                    else {
                        "dataAbsentReason": {
                            "coding": [{"system": codes.DATA_ABSENT, "code": "unknown"}],
                            "text": "Not stated in the report",
                        }
                    }
                )
                yield self._mri_observation(r, field, code, stated)
            if r["brain_volume_change"] is not None:
                yield self._mri_observation(
                    r,
                    "brain_volume_change",
                    codes.MRI_VOLUME,
                    {"valueQuantity": _quantity(r["brain_volume_change"], "%/a")},
                )

    def _mri_observation(self, r, field, code, value):
        resource = self._observation(
            f"mri-{field}", r["id"], codes.concept(code), r["date"], "imaging", **value
        )
        region = codes.MRI_REGIONS.get(r["region"])
        if region:
            resource["bodySite"] = codes.concept(region)
        return resource

    def _labs(self):
        for r in self._rows("labs"):
            code, unit = codes.LABS[r["kind"]]
            extra = {}
            if r["reference_low"] is not None or r["reference_high"] is not None:
                reference = {}
                if r["reference_low"] is not None:
                    reference["low"] = _quantity(r["reference_low"], unit)
                if r["reference_high"] is not None:
                    reference["high"] = _quantity(r["reference_high"], unit)
                extra["referenceRange"] = [reference]
            outside = lab_rules.outside_reference(
                r["value"], r["reference_low"], r["reference_high"]
            )
            if outside:
                flag = "L" if outside == lab_rules.LOW else "H"
                extra["interpretation"] = [
                    {"coding": [{"system": codes.INTERPRETATION, "code": flag}]}
                ]
            if r["note"]:
                extra["note"] = [{"text": r["note"]}]
            yield self._observation(
                "lab",
                r["id"],
                codes.concept(code),
                r["date"],
                "laboratory",
                valueQuantity=_quantity(r["value"], lab_rules.KINDS[r["kind"]].unit, unit),
                **extra,
            )

    # --- DiagnosticReport ----------------------------------------------------------

    def diagnosticreports(self):
        """One report per MRI scan: its findings as results and its summary as the
        conclusion."""
        for r in self._rows("mri_reports"):
            results = [
                f"mri-{field}"
                for field in codes.MRI_COUNTS
                if field != "enhancing_lesions" or r["contrast"]
            ]
            if r["brain_volume_change"] is not None:
                results.append("mri-brain_volume_change")
            resource = {
                "resourceType": "DiagnosticReport",
                "id": resource_id(self.subject, "mri-report", r["id"]),
                "status": "final",
                "category": [{"coding": [{"system": codes.DIAGNOSTIC_SERVICE, "code": "RAD"}]}],
                "code": codes.concept(codes.MRI_REPORT, text=f"MRI ({r['region']})"),
                "subject": self.patient_ref,
                "effectiveDateTime": r["date"].isoformat(),
                "result": [
                    {"reference": self.ref("Observation", resource_id(self.subject, kind, r["id"]))}
                    for kind in results
                ],
            }
            if r["summary"]:
                resource["conclusion"] = r["summary"]
            yield resource

    # --- QuestionnaireResponse -----------------------------------------------------

    def questionnaireresponses(self):
        for q in self._rows("questionnaires"):
            instrument = questionnaires.INSTRUMENTS[q["kind"]]
            yield {
                "resourceType": "QuestionnaireResponse",
                "id": resource_id(self.subject, "questionnaire", q["id"]),
                "questionnaire": codes.QUESTIONNAIRES[q["kind"]],
                "status": "completed",
                "subject": self.patient_ref,
                "authored": q["date"].isoformat(),
                "item": [
                    {"linkId": str(n), "text": text, "answer": [{"valueInteger": answer}]}
                    for n, (text, answer) in enumerate(
                        zip(instrument.items, q["answers"], strict=False), start=1
                    )
                ],
            }

    # --- Medication: courses and doses -----------------------------------------------

    def _medication(self, code, name):
        return codes.concept((codes.LOCAL_DRUG, code, name), text=name)

    def medicationstatements(self):
        if "courses" not in self.kinds:
            return
        today = self.subject.local_today()
        reasons = dict(StopReason.choices)
        rows = _stream(
            Course.objects.filter(user=self.subject).order_by("start", "id"),
            "id",
            "start",
            "stop",
            "stop_reason",
            "dose",
            "dose_unit",
            "schedule_override",
            "note",
            "created_at",
            drug_code=F("drug__code"),
            drug_name=F("drug__name"),
            drug_schedule=F("drug__schedule"),
        )
        for c in rows:
            if c["stop"] is None or c["stop"] >= today:
                status = "active"
            else:
                status = "stopped" if c["stop_reason"] else "completed"
            schedule = parse_schedule(c["schedule_override"] or c["drug_schedule"])
            period = {"start": c["start"].isoformat()}
            if c["stop"]:
                period["end"] = c["stop"].isoformat()
            resource = {
                "resourceType": "MedicationStatement",
                "id": resource_id(self.subject, "course", c["id"]),
                "status": status,
                "medicationCodeableConcept": self._medication(c["drug_code"], c["drug_name"]),
                "subject": self.patient_ref,
                "effectivePeriod": period,
                "dateAsserted": c["created_at"].isoformat(),
                "dosage": [
                    {
                        "text": schedule.describe(),
                        "doseAndRate": [
                            {"doseQuantity": {"value": float(c["dose"]), "unit": c["dose_unit"]}}
                        ],
                    }
                ],
            }
            if c["stop_reason"]:
                resource["statusReason"] = [{"text": reasons.get(c["stop_reason"])}]
            if c["note"]:
                resource["note"] = [{"text": c["note"]}]
            yield resource

    def medicationadministrations(self):
        yield from self._dose_administrations()
        yield from self._vitamin_d_administrations()

    def _dose_administrations(self):
        if "dose_logs" not in self.kinds:
            return
        rows = _stream(
            DoseLog.objects.filter(user=self.subject).order_by("scheduled_for", "id"),
            "id",
            "course_id",
            "scheduled_for",
            "status",
            "taken_at",
            "note",
            drug_code=F("course__drug__code"),
            drug_name=F("course__drug__name"),
            dose=F("course__dose"),
            dose_unit=F("course__dose_unit"),
        )
        for d in rows:
            taken = d["status"] in ("taken", "late")
            course = resource_id(self.subject, "course", d["course_id"])
            resource = {
                "resourceType": "MedicationAdministration",
                "id": resource_id(self.subject, "dose", d["id"]),
                "status": "completed" if taken else "not-done",
                "medicationCodeableConcept": self._medication(d["drug_code"], d["drug_name"]),
                "subject": self.patient_ref,
                "effectiveDateTime": (d["taken_at"] or d["scheduled_for"]).isoformat(),
                "supportingInformation": [{"reference": self.ref("MedicationStatement", course)}],
                "dosage": {"dose": {"value": float(d["dose"]), "unit": d["dose_unit"]}},
            }
            notes = [f"Scheduled for {d['scheduled_for'].isoformat()}; {d['status']}."]
            if d["note"]:
                notes.append(d["note"])
            resource["note"] = [{"text": t} for t in notes]
            yield resource

    def _vitamin_d_administrations(self):
        for v in self._rows("vitamin_d_doses"):
            yield {
                "resourceType": "MedicationAdministration",
                "id": resource_id(self.subject, "vitamin-d-dose", v["id"]),
                "status": "completed",
                "medicationCodeableConcept": self._medication(
                    "vitamin-d", "Vitamin D (cholecalciferol)"
                ),
                "subject": self.patient_ref,
                "effectiveDateTime": v["date"].isoformat(),
                "dosage": {
                    "text": f"{v['iu']} IU, {v['regimen']}",
                    "dose": _quantity(v["iu"], "IU", "[iU]"),
                },
            }


def bundle_pieces(subject, now=None, kinds=KINDS, resource_types=RESOURCE_TYPES, keep=None):
    """The Bundle's text in pieces. ``kinds`` are what the reader may see (a share's
    scope); ``resource_types`` narrow it (a health link's contents), in this module's
    order whatever the order asked, and ``keep(resource)`` further (a link's period)."""
    now = now or timezone.now()
    builder = Builder(subject, bundle_reference, kinds)
    head = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": now.isoformat()},
        "type": "collection",
        "timestamp": now.isoformat(),
    }
    yield dumps(head)[:-1] + ', "entry": ['
    separator = "\n  "
    for resource_type in RESOURCE_TYPES:
        if resource_type not in resource_types:
            continue
        for resource in builder.resources(resource_type):
            if keep is not None and not keep(resource):
                continue
            yield separator
            yield dumps({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})
            separator = ",\n  "
    yield "\n]}\n"


def bundle_chunks(subject, now=None, kinds=KINDS, resource_types=RESOURCE_TYPES, keep=None):
    return buffered(bundle_pieces(subject, now, kinds, resource_types, keep))


def ndjson_lines(builder, resource_type):
    for resource in builder.resources(resource_type):
        yield dumps(resource) + "\n"


def ndjson_zip(subject, kinds=KINDS):
    """FHIR Bulk Data: `Patient.ndjson`, `Condition.ndjson`, ... in one zip."""
    builder = Builder(subject, relative_reference, kinds)
    return zip_stream((f"{t}.ndjson", buffered(ndjson_lines(builder, t))) for t in RESOURCE_TYPES)
