"""The default catalogue of next steps per component that holds a unit back (Dutch content).

Plain data: the organisation gets a copy it can edit (``services.steps.catalogue_ensure``).
``tool`` names the page that carries the step out, when the product has one.
"""

from __future__ import annotations

DEFAULT_STEPS: dict[str, list[tuple[str, str, str]]] = {
    "VIS": [
        (
            "Draagvlakronde klantvisie bij het middenkader",
            "Vraag elke leidinggevende of hij of zij de klantvisie onderschrijft. Beantwoord elk "
            "'nog niet' persoonlijk binnen twee weken; draagvlak wordt per leidinggevende gevraagd, "
            "niet aangenomen.",
            "vision-draagvlak",
        ),
        (
            "Herinneringscheck: kennen we onze klantbeloften?",
            "Laat medewerkers en leidinggevenden de klantbeloften in eigen woorden opschrijven. "
            "Zelf zeggen dat je de visie kent, zegt weinig: meet het.",
            "vision-recall",
        ),
        (
            "Klantvisie een week lang in elke dagstart",
            "Elke dag één klantbelofte: wat betekent die vandaag voor ons werk? Eindig met één "
            "concreet voorbeeld uit het team.",
            "huddle-home",
        ),
    ],
    "LEI": [
        (
            "Leiders op de werkvloer: bezoekronde plannen",
            "Elke leidinggevende bezoekt dit kwartaal twee teams buiten de eigen afdeling, met "
            "drie vaste vragen, en koppelt binnen een week terug wat er met het gehoorde gebeurt.",
            "",
        ),
        (
            "Dagstart openen met het beste klantverhaal van gisteren",
            "Leidinggevenden openen de dagstart met een klantverhaal in plaats van met "
            "afhandeltijden: voorbeeldgedrag dat het team ziet en kan nadoen.",
            "huddle-home",
        ),
        (
            "Coachgesprekken CX-lead met teamleiders",
            "De CX-lead spreekt elke teamleider eens per maand over de klantsignalen van het team "
            "en wat de teamleider zelf laat zien (trekken in plaats van duwen).",
            "",
        ),
    ],
    "HRM": [
        (
            "HR-afstemmingscheck: klantvisie in functieprofielen en vacatureteksten",
            "Leg functieprofielen, vacatureteksten, selectiegesprekken en inwerkprogramma naast "
            "de klantbeloften en noteer per proces wat ontbreekt.",
            "",
        ),
        (
            "Klantgericht gedrag in de beoordelingsgesprekken",
            "Neem de afgesproken klantgedragingen op in ontwikkel- en beoordelingsgesprekken, met "
            "voorbeelden van observaties.",
            "vision-behaviours",
        ),
        (
            "Ruimte om te beslissen vastleggen",
            "Spreek per team af welke beslissingen medewerkers zelf nemen om een klant te helpen "
            "(bijvoorbeeld een vergoeding tot een vast bedrag), en maak dat bekend.",
            "",
        ),
    ],
    "STU": [
        (
            "Dagstart invoeren in teams zonder dagstart",
            "Teams die de afgelopen twintig werkdagen geen dagstart hielden beginnen ermee: vijftien "
            "minuten staand, klantsignalen van gisteren, KPI's met eigenaar, open acties.",
            "huddle-home",
        ),
        (
            "Elke KPI op het teambord een eigenaar",
            "Per KPI volgt één medewerker de cijfers en vertelt ze in de dagstart.",
            "huddle-home",
        ),
        (
            "Verbeterpunten van klanten via PDCA oppakken",
            "Elk terugkerend verbeterpunt wordt een verbeteractie met eigenaar, datum en een "
            "meting van het effect.",
            "huddle-home",
        ),
    ],
}
