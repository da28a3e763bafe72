"""The 27 EU member states and Norway, with the official languages they publish in (ISO 639-1).

Loaded by a data migration so every installation starts with all 1+MG countries; whether a country has
signed the 1+MG declaration and whether it is technically operational is set by the admins.
"""

COUNTRIES = [
    ("AT", "Austria", ["de"]),
    ("BE", "Belgium", ["nl", "fr", "de"]),
    ("BG", "Bulgaria", ["bg"]),
    ("HR", "Croatia", ["hr"]),
    ("CY", "Cyprus", ["el"]),
    ("CZ", "Czechia", ["cs"]),
    ("DK", "Denmark", ["da"]),
    ("EE", "Estonia", ["et"]),
    ("FI", "Finland", ["fi", "sv"]),
    ("FR", "France", ["fr"]),
    ("DE", "Germany", ["de"]),
    ("GR", "Greece", ["el"]),
    ("HU", "Hungary", ["hu"]),
    ("IE", "Ireland", ["en", "ga"]),
    ("IT", "Italy", ["it"]),
    ("LV", "Latvia", ["lv"]),
    ("LT", "Lithuania", ["lt"]),
    ("LU", "Luxembourg", ["lb", "fr", "de"]),
    ("MT", "Malta", ["mt", "en"]),
    ("NL", "Netherlands", ["nl"]),
    ("NO", "Norway", ["no"]),
    ("PL", "Poland", ["pl"]),
    ("PT", "Portugal", ["pt"]),
    ("RO", "Romania", ["ro"]),
    ("SK", "Slovakia", ["sk"]),
    ("SI", "Slovenia", ["sl"]),
    ("ES", "Spain", ["es"]),
    ("SE", "Sweden", ["sv"]),
]
