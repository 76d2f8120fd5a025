"""Your data is yours: export (JSON, CSV, FHIR R4, NDJSON), import and account deletion.

Every function here takes the patient whose data it is (``subject``) as a
parameter and never reads ``request.user``, so a clinician's export of a shared
patient can call the same functions once the access gate has resolved the subject.
"""
