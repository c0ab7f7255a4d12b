"""Dutch texts of the dagstart demo: customer comments, KPIs per kind of team, notes, actions."""

from __future__ import annotations

# Customer comments per kind of team: (compliments, improvement points, suggestions).
COMMENTS = {
    "contact": (
        [
            "Heel vriendelijk geholpen, de medewerker nam echt de tijd.",
            "Binnen twee minuten had ik iemand aan de lijn, top!",
            "Mijn vraag over de huurverhoging werd meteen duidelijk uitgelegd.",
            "Ze belde zelf terug zoals beloofd, dat waardeer ik enorm.",
            "De baliemedewerker was heel vriendelijk en behulpzaam.",
            "Fijn dat mijn reparatieverzoek direct werd ingepland.",
        ],
        [
            "Ik moest drie keer bellen voordat iemand mij kon helpen.",
            "De wachttijd aan de telefoon was veel te lang.",
            "Er werd beloofd dat ik teruggebeld zou worden, maar dat is niet gebeurd.",
            "Ik kreeg van twee medewerkers een verschillend antwoord, dat is verwarrend.",
        ],
        [
            "Terugbellen op een vast tijdstip zou fijn zijn.",
            "Graag een bevestiging per mail van wat er is afgesproken.",
        ],
    ),
    "repair": (
        [
            "De monteur was keurig op tijd en liet alles netjes achter.",
            "De lekkage was in één keer verholpen, prima werk.",
            "Vriendelijke monteur die ook uitlegde hoe ik de thermostaat moet instellen.",
            "Snel geholpen, de cv-ketel doet het weer.",
        ],
        [
            "De monteur kwam zonder het juiste onderdeel, dus er moet een nieuwe afspraak komen.",
            "Ik heb een hele dag thuis gezeten en niemand kwam opdagen.",
            "Het duurde twee weken voordat de lekkage werd gerepareerd, veel te lang.",
        ],
        ["Graag een sms als de monteur onderweg is.", "Een tijdvak van twee uur zou helpen."],
    ),
    "neighbourhood": (
        [
            "De woonconsulent heeft de burenruzie goed opgepakt.",
            "Fijn dat de wijkbeheerder zelf langskwam om te kijken.",
            "De bewonersconsulent denkt echt met ons mee.",
            "Duidelijke uitleg over de planning van de renovatie.",
            "Heel fijn contact met de projectleider.",
        ],
        [
            "Het geluid van de sloopwerkzaamheden begon al om zeven uur, erg vervelend.",
            "Mijn melding over de overlast is na een maand nog steeds niet opgelost.",
            "Niemand liet weten dat de werkzaamheden een week later begonnen, slecht geregeld.",
        ],
        ["Een vast aanspreekpunt in de wijk zou fijn zijn."],
    ),
    "letting": (
        [
            "De medewerker van incasso was begripvol en we hebben een goede regeling getroffen.",
            "De woning was bij oplevering schoon en netjes.",
            "Snel en duidelijk geholpen bij de bezichtiging.",
        ],
        [
            "Bij de oplevering waren de sleutels er niet, dat was erg vervelend.",
            "Het duurde te lang voordat ik wist of ik de woning kreeg.",
        ],
        ["Graag eerder bericht over de uitslag van de toewijzing."],
    ),
    "internal": (
        [
            "Snel antwoord op mijn ticket, probleem opgelost.",
            "Fijn dat de factuur meteen is gecorrigeerd.",
            "Heel prettig meegedacht over de nieuwe planning.",
            "Duidelijk advies waar ik direct mee verder kon.",
        ],
        [
            "De servicedesk reageerde pas na drie dagen op mijn melding.",
            "Het duurde te lang voordat mijn vraag werd beantwoord.",
            "Ik moest mijn vraag twee keer stellen voordat er iets gebeurde, dat is lastig.",
        ],
        ["Graag een statusupdate als het langer duurt."],
    ),
}

# How each team gets feedback: (kind of comments, metric, touchpoint, records per weekday).
FEEDBACK_PROFILE = {
    "W-KC-A": ("contact", "nps", "Telefonisch contact", 8.0),
    "W-KC-B": ("contact", "nps", "Telefonisch contact", 8.0),
    "W-KC-BA": ("contact", "nps", "Balie", 3.0),
    "W-VH-T": ("letting", "nps", "Woningtoewijzing", 2.0),
    "W-VH-I": ("letting", "nps", "Betalingsregeling", 1.5),
    "W-WB-N": ("neighbourhood", "nps", "Huisbezoek", 2.0),
    "W-WB-Z": ("neighbourhood", "nps", "Huisbezoek", 2.0),
    "W-WB-C": ("neighbourhood", "nps", "Huisbezoek", 2.0),
    "W-WB-L": ("neighbourhood", "nps", "Overlastmelding", 1.0),
    "V-RO-N": ("repair", "csat", "Reparatieverzoek", 6.0),
    "V-RO-Z": ("repair", "csat", "Reparatieverzoek", 6.0),
    "V-PO-P": ("neighbourhood", "nps", "Renovatieproject", 1.5),
    "V-PO-V": ("neighbourhood", "nps", "Verduurzaming", 1.0),
    "V-VB-M": ("letting", "csat", "Oplevering woning", 2.0),
    # Back office: colleagues answer about the service they got.
    "V-RO-P": ("internal", "csat", "Interne dienstverlening", 2.0),
    "V-VB-S": ("internal", "csat", "Interne dienstverlening", 1.0),
    "B-FIN-A": ("internal", "csat", "Interne dienstverlening", 2.0),
    "B-FIN-C": ("internal", "csat", "Interne dienstverlening", 1.0),
    "B-ICT-S": ("internal", "csat", "Servicedesk ICT", 10.0),
    "B-ICT-I": ("internal", "csat", "Interne dienstverlening", 1.0),
    "B-HR-A": ("internal", "csat", "Interne dienstverlening", 1.5),
    "B-HR-S": ("internal", "csat", "Interne dienstverlening", 1.0),
    "B-ST-I": ("internal", "csat", "Interne dienstverlening", 1.0),
    "B-ST-B": ("internal", "csat", "Interne dienstverlening", 0.5),
    "B-ST-C": ("internal", "csat", "Interne dienstverlening", 1.0),
}

# The catalogue: key -> (name, description, source, measure, period, unit, decimals,
# direction, default target, position).
CATALOGUE = {
    "nps": ("NPS", "Net Promoter Score van de klanten van het team (laatste 7 dagen).",
            "feedback", "nps", "week", "", 0, "higher", 25, 1),
    "csat": ("Klanttevredenheid", "Aandeel klanten dat een 4 of 5 geeft (laatste 7 dagen).",
             "feedback", "csat", "week", "%", 0, "higher", 80, 2),
    "colleagues": ("Tevredenheid collega's", "Aandeel collega's dat een 4 of 5 geeft over onze "
                   "dienstverlening (laatste 7 dagen).", "feedback", "csat", "week", "%", 0,
                   "higher", 75, 3),
    "compliments": ("Aandeel complimenten", "Complimenten als deel van alle complimenten en "
                    "verbeterpunten in de open antwoorden.", "feedback", "compliments", "week",
                    "%", 0, "higher", 60, 4),
    "overdue": ("Te laat teruggebeld", "Ontevreden klanten die teruggebeld willen worden en "
                "over hun termijn zijn.", "feedback", "overdue_cases", "day", "", 0, "lower", 0, 5),
    "reach": ("Bereikbaarheid telefoon", "Aandeel gesprekken dat binnen 30 seconden wordt "
              "opgenomen.", "manual", "", "day", "%", 0, "higher", 80, 10),
    "desk_wait": ("Wachttijd balie", "Gemiddelde wachttijd aan de balie.", "manual", "", "day",
                  "min", 0, "lower", 10, 11),
    "ftr": ("First time right", "Reparaties die bij het eerste bezoek klaar zijn.", "manual", "",
            "day", "%", 0, "higher", 85, 12),
    "appointments": ("Afspraak nagekomen", "Afspraken met bewoners die op tijd zijn nagekomen.",
                     "manual", "", "day", "%", 0, "higher", 95, 13),
    "repair_time": ("Doorlooptijd reparatieverzoek", "Gemiddeld aantal werkdagen van melding tot "
                    "gereed.", "manual", "", "week", "dagen", 1, "lower", 5, 14),
    "vacancy": ("Leegstand bij mutatie", "Gemiddeld aantal dagen tussen huuropzegging en nieuwe "
                "verhuur.", "manual", "", "week", "dagen", 1, "lower", 14, 15),
    "arrears": ("Huurachterstand", "Achterstand als percentage van de maandhuursom.", "manual",
                "", "week", "%", 2, "lower", 1.2, 16),
    "tickets": ("Tickets binnen afspraak opgelost", "Meldingen die binnen de afgesproken tijd "
                "zijn opgelost.", "manual", "", "day", "%", 0, "higher", 90, 17),
    "invoices": ("Facturen binnen 30 dagen betaald", "Inkoopfacturen die binnen de "
                 "betaaltermijn zijn betaald.", "manual", "", "week", "%", 0, "higher", 95, 18),
    "answered": ("Vragen binnen 2 werkdagen beantwoord", "Vragen van collega's die binnen twee "
                 "werkdagen een antwoord hadden.", "manual", "", "week", "%", 0, "higher", 90, 19),
}  # fmt: skip

# The KPIs on each team's board (feedback KPIs first) and the hand-entered values' level:
# manual KPI key -> (mean before, spread).
# team code -> (feedback KPI keys, hand-entered KPI key -> (mean, spread))
TEAM_KPIS: dict[str, tuple[list[str], dict[str, tuple[float, float]]]] = {
    "W-KC-A": (["nps", "compliments", "overdue"], {"reach": (73, 6)}),
    "W-KC-B": (["nps", "compliments", "overdue"], {"reach": (79, 5)}),
    "W-KC-BA": (["nps", "compliments"], {"desk_wait": (9, 3)}),
    "W-VH-T": (["nps", "compliments"], {"vacancy": (16, 2.5)}),
    "W-VH-I": (["nps"], {"arrears": (1.35, 0.12)}),
    "W-WB-N": (["nps", "compliments"], {"appointments": (93, 4)}),
    "W-WB-Z": (["nps", "compliments"], {"appointments": (90, 5)}),
    "W-WB-C": (["nps", "compliments"], {"appointments": (94, 3)}),
    "W-WB-L": (["nps"], {"appointments": (91, 5)}),
    "V-RO-N": (["csat", "compliments", "overdue"], {"ftr": (82, 5), "repair_time": (5.6, 0.8)}),
    "V-RO-Z": (["csat", "compliments", "overdue"], {"ftr": (86, 4), "repair_time": (5.1, 0.7)}),
    "V-RO-P": (["colleagues"], {"repair_time": (5.4, 0.7)}),
    "V-PO-P": (["nps"], {"appointments": (92, 4)}),
    "V-PO-V": (["nps"], {"appointments": (89, 5)}),
    "V-VB-M": (["csat"], {"vacancy": (15, 2.5)}),
    "V-VB-S": (["colleagues"], {"answered": (88, 5)}),
    "B-FIN-A": (["colleagues", "compliments"], {"invoices": (93, 3)}),
    "B-FIN-C": (["colleagues"], {"answered": (91, 4)}),
    "B-ICT-S": (["colleagues", "compliments"], {"tickets": (87, 4)}),
    "B-ICT-I": (["colleagues"], {"answered": (86, 6)}),
    "B-HR-A": (["colleagues"], {"answered": (90, 5)}),
    "B-HR-S": (["colleagues"], {"answered": (95, 3)}),
    "B-ST-I": (["colleagues"], {"answered": (88, 5)}),
    "B-ST-B": (["colleagues"], {"answered": (94, 3)}),
    "B-ST-C": (["colleagues"], {"answered": (89, 5)}),
}

NOTES = [
    "{owner} meldt de bereikbaarheid: rustige ochtend, na de lunch piek door de storing bij de "
    "cv-ketels.",
    "Compliment van mevrouw uit de Rozenstraat voorgelezen; iedereen herkent het terugbellen als "
    "verschil.",
    "Afgesproken: wie een terugbelverzoek aanneemt, zet het direct in de gedeelde agenda.",
    "Twee collega's ziek; de balie draait vandaag met een halve bezetting.",
    "{owner} vraagt aandacht voor de verbeteractie: eerst de klant bellen, dan pas de mail.",
    "Kort: geen bijzonderheden, alle KPI's binnen het doel.",
    "Nieuwe collega {owner2} stelt zich voor; loopt deze week mee met {owner}.",
    "Verbeterpunt over de wachttijd besproken; we houden de wachtrij om 10 uur extra in de gaten.",
    "Escalatie over de onderdelen in de bus: antwoord van de afdeling komt donderdag.",
    "Goede week: complimenten over de uitleg bij de huurverhoging.",
]
