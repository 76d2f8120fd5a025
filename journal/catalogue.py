"""The MS symptom catalogue: code, name, and what 0 and 10 mean in plain words.

Data for the seeding migration (and tests); every symptom scores 0 = none,
10 = worst. Chosen from the symptoms MS care teams ask about most
(MS Society symptom list; the MSIS-29/MFIS domains, whose items we do not use).
No Django here.
"""

SYMPTOMS = (
    ("fatigue", "Fatigue", "No tiredness", "Exhausted, cannot do anything"),
    ("walking", "Walking / mobility", "Walking as usual", "Cannot walk at all"),
    ("balance", "Balance", "Steady on my feet", "Cannot stand without support"),
    ("numbness", "Numbness / tingling", "No numbness or tingling", "Constant, cannot feel things"),
    ("vision", "Vision", "Seeing as usual", "Cannot see to read or get around"),
    ("pain", "Pain", "No pain", "Worst pain imaginable"),
    ("spasticity", "Spasticity / stiffness", "Muscles relaxed", "Stiff or in spasm all the time"),
    ("bladder_bowel", "Bladder / bowel", "No problems", "Constant urgency or accidents"),
    ("cognition", "Thinking (brain fog)", "Thinking clearly", "Cannot concentrate or remember"),
    ("mood", "Low mood", "Mood as usual", "Very low, hopeless"),
    ("heat", "Heat sensitivity", "Heat does not bother me", "Heat makes everything much worse"),
    ("sleep", "Sleep problems", "Slept well", "Hardly slept at all"),
)
