"""Questionnaire version 1 of the culture scan, in Dutch and English."""

from __future__ import annotations

from klantcultuur.scan.questionnaire.schema import (
    DONT_KNOW,
    Item,
    Option,
    Questionnaire,
    ResponseScale,
    Scale,
    Section,
    Text,
)

ID = "klantcultuur-cultuurscan-v1"
VERSION = "1"


def _t(nl: str, en: str) -> Text:
    """Pair a Dutch and an English text."""
    return {"nl": nl, "en": en}


_DONT_KNOW: Option = {"value": DONT_KNOW, "label": _t("weet ik niet", "don't know")}

RESPONSE_SCALES: dict[str, ResponseScale] = {
    "agreement": {
        "type": "likert",
        "options": [
            {"value": 1, "label": _t("helemaal oneens", "strongly disagree")},
            {"value": 2, "label": _t("oneens", "disagree")},
            {"value": 3, "label": _t("niet eens, niet oneens", "neither agree nor disagree")},
            {"value": 4, "label": _t("eens", "agree")},
            {"value": 5, "label": _t("helemaal eens", "strongly agree")},
        ],
        "dont_know": _DONT_KNOW.copy(),
    },
    # "bijna altijd" and "altijd" mirror the Monitor's "almost always" and "always".
    "frequency": {
        "type": "likert",
        "options": [
            {"value": 1, "label": _t("nooit", "never")},
            {"value": 2, "label": _t("zelden", "rarely")},
            {"value": 3, "label": _t("soms", "sometimes")},
            {"value": 4, "label": _t("bijna altijd", "almost always")},
            {"value": 5, "label": _t("altijd", "always")},
        ],
        "dont_know": _DONT_KNOW.copy(),
    },
    "approach": {
        "type": "choice",
        "options": [
            {
                "value": 1,
                "key": "frontoffice",
                "label": _t(
                    "Klantbeleving is vooral een zaak van de medewerkers met klantcontact.",
                    "Customer experience is mainly a matter for the staff who deal with customers.",
                ),
            },
            {
                "value": 2,
                "key": "specialisten",
                "label": _t(
                    "Klantbeleving ligt vooral bij een aparte afdeling of specialisten"
                    " (bijvoorbeeld een CX-team).",
                    "Customer experience lies mainly with a separate department or specialists"
                    " (for example a CX team).",
                ),
            },
            {
                "value": 3,
                "key": "directie",
                "label": _t(
                    "De directie heeft klantbeleving tot het nieuwe normaal gemaakt:"
                    " alle leidinggevenden sturen erop.",
                    "The board has made customer experience the new normal:"
                    " all managers steer on it.",
                ),
            },
            {
                "value": 4,
                "key": "ecosysteem",
                "label": _t(
                    "Zoals hierboven, en ook onze partners en leveranciers werken er met ons aan.",
                    "As above, and our partners and suppliers work on it with us as well.",
                ),
            },
        ],
        "dont_know": _DONT_KNOW.copy(),
    },
}


def _scale(code: str, key: str, group: str, name: Text, description: Text) -> Scale:
    """Describe one standard scale."""
    return {
        "code": code,
        "key": key,
        "group": group,
        "name": name,
        "description": description,
        "origin": "standard",
    }


SCALES: list[Scale] = [
    _scale(
        "VIS",
        "customer_vision",
        "component",
        _t("Gedragen klantvisie", "Shared customer vision"),
        _t(
            "Een klantvisie die duidelijk is en gedragen wordt door leidinggevenden en medewerkers.",
            "A customer vision that is clear and carried by managers and employees.",
        ),
    ),
    _scale(
        "LEI",
        "servant_leadership",
        "component",
        _t("Dienend leiderschap", "Servant leadership"),
        _t(
            "Leidinggevenden die mensen laten groeien, samenwerken en de klant binnenhalen.",
            "Managers who grow people, build cooperation and bring the customer inside.",
        ),
    ),
    _scale(
        "HRM",
        "customer_hrm",
        "component",
        _t("Klantgericht HRM", "Customer-centred HRM"),
        _t(
            "De klantvisie vertaald in profielen, werving, inwerken, ontwikkeling, beoordeling,"
            " waardering en ruimte voor de klant.",
            "The vision translated into profiles, recruitment, onboarding, development, appraisal,"
            " reward and room for the customer.",
        ),
    ),
    _scale(
        "STU",
        "team_steering",
        "component",
        _t("Klantsturing in teams", "Team customer steering"),
        _t(
            "Dagstart, klant-KPI's met een eigenaar en verbeteracties in een PDCA-cyclus.",
            "Daily huddle, customer KPIs with an owner and improvement actions in a PDCA cycle.",
        ),
    ),
    _scale(
        "LUI",
        "listening",
        "listening",
        _t("Luisteren", "Listening"),
        _t(
            "Echt luisteren naar klanten, medewerkers en partners, om te leren.",
            "Really listening to customers, employees and partners, in order to learn.",
        ),
    ),
    _scale(
        "DRA",
        "culture_carriers",
        "carriers",
        _t("Cultuurdragers", "Carriers of culture"),
        _t(
            "Normen, verhalen, rituelen, structuren, symbolen en informele leiders.",
            "Norms, stories, rituals, structures, symbols and informal leaders.",
        ),
    ),
    _scale(
        "KGO",
        "customer_orientation",
        "orientation",
        _t("Klantgerichtheid", "Customer orientation"),
        _t(
            "Klantbehoeften begrijpen, waarde creëren en doelen op klanttevredenheid.",
            "Understanding customer needs, creating value and goals on customer satisfaction.",
        ),
    ),
    _scale(
        "VBZ",
        "role_model_self",
        "role_model",
        _t("Voorbeeldgedrag (zelfbeeld)", "Role-model behaviour (self-view)"),
        _t(
            "Hoe vaak leidinggevenden zelf klantgericht voorbeeldgedrag laten zien.",
            "How often managers say they show customer-centred role-model behaviour.",
        ),
    ),
    _scale(
        "VBM",
        "role_model_seen",
        "role_model",
        _t("Voorbeeldgedrag van de leidinggevende", "Manager's role-model behaviour"),
        _t(
            "Hoe vaak medewerkers dat voorbeeldgedrag bij hun leidinggevende zien.",
            "How often employees see that role-model behaviour in their manager.",
        ),
    ),
    _scale(
        "NRM",
        "peer_norms",
        "planned_behaviour",
        _t("Norm onder collega's", "Peer norms"),
        _t(
            "Wat collega's doen en van elkaar verwachten.",
            "What colleagues do and expect of each other.",
        ),
    ),
    _scale(
        "INT",
        "intention",
        "planned_behaviour",
        _t("Eigen intentie", "Own intention"),
        _t(
            "Het eigen voornemen om klantgericht te handelen.",
            "One's own intention to act in a customer-centred way.",
        ),
    ),
    _scale(
        "GED",
        "behaviour",
        "planned_behaviour",
        _t("Eigen klantgericht gedrag", "Own customer-centred behaviour"),
        _t(
            "Hoe vaak iemand concreet klantgericht gedrag laat zien.",
            "How often someone shows concrete customer-centred behaviour.",
        ),
    ),
    _scale(
        "VER",
        "change_stance",
        "change",
        _t("Veranderhouding", "Change stance"),
        _t(
            "Trekken, meelopen of remmen bij veranderingen voor klanten.",
            "Pulling, riding along or holding back in changes for customers.",
        ),
    ),
]


def _section(key: str, title: Text, intro: Text, audience: str = "all") -> Section:
    """Describe one page of the form."""
    return {
        "key": key,
        "title": title,
        "intro": intro,
        "audience": audience,  # type: ignore[typeddict-item]
        "origin": "standard",
    }


SECTIONS: list[Section] = [
    _section(
        "visie",
        _t("Onze klantvisie", "Our customer vision"),
        _t(
            "Hoe duidelijk en gedragen is het beeld van wat we voor klanten willen zijn?",
            "How clear and widely shared is the picture of what we want to be for customers?",
        ),
    ),
    _section(
        "leiderschap",
        _t("Leidinggeven", "Leadership"),
        _t(
            "Deze vragen gaan over je eigen leidinggevende.",
            "These questions are about your own manager.",
        ),
    ),
    _section(
        "hrm",
        _t("Werken bij ons", "Working here"),
        _t(
            "Over functies, werving, inwerken, ontwikkeling, beoordeling en waardering,"
            " en over de ruimte die je krijgt.",
            "About jobs, recruitment, onboarding, development, appraisal and recognition,"
            " and about the room you are given.",
        ),
    ),
    _section(
        "sturing",
        _t("Klantsturing in je team", "Customer steering in your team"),
        _t(
            "Over de dagstart, KPI's en verbeteracties. Heeft je team geen direct klantcontact?"
            " Denk dan aan je interne klant: de collega voor wie je werkt.",
            "About the daily huddle, KPIs and improvement actions. No direct customer contact in"
            " your team? Then think of your internal customer: the colleague you work for.",
        ),
    ),
    _section(
        "luisteren",
        _t("Luisteren", "Listening"),
        _t(
            "Hoe luisteren we naar klanten, medewerkers en partners?",
            "How do we listen to customers, employees and partners?",
        ),
    ),
    _section(
        "dragers",
        _t("Hoe het hier gaat", "How things go here"),
        _t(
            "Over de ongeschreven regels: waar collega's elkaar op aanspreken, de verhalen,"
            " rituelen, structuren en symbolen.",
            "About the unwritten rules: what colleagues hold each other to, the stories,"
            " rituals, structures and symbols.",
        ),
    ),
    _section(
        "klantgerichtheid",
        _t("Klantgerichtheid", "Customer orientation"),
        _t(
            "Hoe gaan we als organisatie met klanten om?",
            "How do we deal with customers as an organisation?",
        ),
    ),
    _section(
        "voorbeeld_zelf",
        _t("Je eigen voorbeeldgedrag", "Your own example"),
        _t(
            "Hoe vaak doe je het volgende? Je medewerkers krijgen dezelfde vragen over hun"
            " leidinggevende. Er zijn geen goede of foute antwoorden.",
            "How often do you do the following? Your employees get the same questions about"
            " their manager. There are no right or wrong answers.",
        ),
        "managers",
    ),
    _section(
        "voorbeeld_leidinggevende",
        _t("Het voorbeeld van je leidinggevende", "Your manager's example"),
        _t(
            "Hoe vaak zie je je leidinggevende het volgende doen?",
            "How often do you see your manager do the following?",
        ),
        "employees",
    ),
    _section(
        "collegas",
        _t("Je collega's", "Your colleagues"),
        _t(
            "Wat doen en verwachten de collega's met wie je het meest samenwerkt?",
            "What do the colleagues you work with most do and expect?",
        ),
    ),
    _section(
        "eigen_werk",
        _t("Je eigen werk met klanten", "Your own work with customers"),
        _t(
            "Over je eigen voornemens en wat je de afgelopen maand deed.",
            "About your own intentions and what you did in the past month.",
        ),
    ),
    _section(
        "verandering",
        _t("Veranderen", "Change"),
        _t(
            "Hoe sta je in veranderingen die klanten moeten helpen?",
            "How do you stand in changes meant to help customers?",
        ),
    ),
    _section(
        "aanpak",
        _t("Hoe wij klantbeleving organiseren", "How we organise customer experience"),
        _t(
            "Kies de omschrijving die het best past bij je organisatie.",
            "Choose the description that best fits your organisation.",
        ),
    ),
    _section(
        "open",
        _t("In je eigen woorden", "In your own words"),
        _t(
            "Je antwoorden worden alleen getoond voor groepen van ten minste tien mensen."
            " Noem geen namen.",
            "Your answers are only shown for groups of at least ten people. Do not mention names.",
        ),
    ),
]

# (code, nl, en, reverse) per scale; the section and response scale follow from the scale.
_LIKERT: dict[str, tuple[str, str, list[tuple[str, str, str, bool]]]] = {
    "VIS": (
        "visie",
        "agreement",
        [
            (
                "VIS1",
                "Het is mij duidelijk wat onze organisatie wel en niet voor klanten wil zijn.",
                "It is clear to me what our organisation does and does not want to be for"
                " customers.",
                False,
            ),
            (
                "VIS2",
                "Ik kan in eigen woorden uitleggen wat onze klantvisie betekent voor mijn werk.",
                "I can explain in my own words what our customer vision means for my work.",
                False,
            ),
            (
                "VIS3",
                "Medewerkers en klanten hebben meegedacht over onze klantvisie.",
                "Employees and customers helped to shape our customer vision.",
                False,
            ),
            (
                "VIS4",
                "Leidinggevenden in onze organisatie staan zichtbaar achter de klantvisie.",
                "Managers in our organisation visibly stand behind the customer vision.",
                False,
            ),
            (
                "VIS5",
                "Onze klantvisie is vooral een tekst op papier.",
                "Our customer vision is mainly words on paper.",
                True,
            ),
        ],
    ),
    "LEI": (
        "leiderschap",
        "agreement",
        [
            (
                "LEI1",
                "Mijn leidinggevende helpt mij om te groeien in mijn werk.",
                "My manager helps me grow in my work.",
                False,
            ),
            (
                "LEI2",
                "Mijn leidinggevende brengt de stem van de klant in ons team, bijvoorbeeld met"
                " reacties van klanten.",
                "My manager brings the voice of the customer into our team, for example with"
                " customer feedback.",
                False,
            ),
            (
                "LEI3",
                "Mijn leidinggevende zorgt dat we voor klanten goed samenwerken met andere teams.",
                "My manager makes sure we work well with other teams for customers.",
                False,
            ),
            (
                "LEI4",
                "Mijn leidinggevende ruimt obstakels op die ons hinderen om klanten goed te helpen.",
                "My manager removes obstacles that keep us from helping customers well.",
                False,
            ),
            (
                "LEI5",
                "Mijn leidinggevende let vooral op productiecijfers, niet op wat klanten ervaren.",
                "My manager mainly watches production figures, not what customers experience.",
                True,
            ),
        ],
    ),
    "HRM": (
        "hrm",
        "agreement",
        [
            (
                "HRM1",
                "In onze functieprofielen staat klantgerichtheid duidelijk beschreven.",
                "Our job profiles clearly describe customer orientation.",
                False,
            ),
            (
                "HRM2",
                "Bij werving en selectie letten we nadrukkelijk op klantgerichte houding en"
                " gedrag.",
                "In recruitment and selection we explicitly look at a customer-oriented attitude"
                " and behaviour.",
                False,
            ),
            (
                "HRM3",
                "Nieuwe collega's leren in hun inwerkperiode wat klanten van ons mogen verwachten.",
                "New colleagues learn during onboarding what customers may expect from us.",
                False,
            ),
            (
                "HRM4",
                "Ik krijg training of begeleiding om klanten beter te helpen.",
                "I get training or coaching to help customers better.",
                False,
            ),
            (
                "HRM5",
                "In mijn beoordelings- of ontwikkelgesprek gaat het ook over hoe ik klanten help.",
                "My appraisal or development conversation also covers how I help customers.",
                False,
            ),
            (
                "HRM6",
                "Wie zich extra inzet voor klanten, krijgt daar waardering voor.",
                "People who go the extra mile for customers are recognised for it.",
                False,
            ),
            (
                "HRM7",
                "Ik mag zelf beslissen om van een regel af te wijken als dat beter is voor de"
                " klant.",
                "I may decide myself to deviate from a rule when that is better for the customer.",
                False,
            ),
            (
                "HRM8",
                "Ik heb te weinig tijd om te doen wat goed is voor de klant.",
                "I have too little time to do what is right for the customer.",
                True,
            ),
        ],
    ),
    "STU": (
        "sturing",
        "agreement",
        [
            (
                "STU1",
                "In ons team bespreken we elke werkdag kort complimenten en verbeterpunten van"
                " klanten, bijvoorbeeld in een dagstart.",
                "Every working day our team briefly discusses customer compliments and"
                " improvement points, for example in a daily huddle.",
                False,
            ),
            (
                "STU2",
                "We bespreken in het team de resultaten van de vorige dag op klant-KPI's, zoals"
                " klanttevredenheid.",
                "In the team we discuss the previous day's results on customer KPIs, such as"
                " customer satisfaction.",
                False,
            ),
            (
                "STU3",
                "Elke KPI van ons team heeft een collega die hem volgt en erover rapporteert.",
                "Each of our team's KPIs has a colleague who follows it and reports on it.",
                False,
            ),
            (
                "STU4",
                "Ons team heeft concrete doelen voor wat klanten ervaren.",
                "Our team has concrete goals for what customers experience.",
                False,
            ),
            (
                "STU5",
                "Bij een verbeterpunt van een klant spreken we een actie af met een eigenaar en"
                " een datum.",
                "For a customer's improvement point we agree an action with an owner and a date.",
                False,
            ),
            (
                "STU6",
                "We controleren of onze verbeteracties het voor klanten echt beter maken.",
                "We check whether our improvement actions really make things better for customers.",
                False,
            ),
            (
                "STU7",
                "Verbeterpunten van klanten blijven in ons team vaak liggen.",
                "Customers' improvement points are often left lying in our team.",
                True,
            ),
        ],
    ),
    "LUI": (
        "luisteren",
        "agreement",
        [
            (
                "LUI1",
                "We vragen klanten regelmatig om feedback, met de oprechte bedoeling ervan te"
                " leren.",
                "We regularly ask customers for feedback, sincerely intending to learn from it.",
                False,
            ),
            (
                "LUI2",
                "Met wat klanten ons vertellen, doen we aantoonbaar iets.",
                "We demonstrably act on what customers tell us.",
                False,
            ),
            (
                "LUI3",
                "Ideeën van medewerkers om klanten beter te helpen worden serieus genomen.",
                "Employees' ideas for helping customers better are taken seriously.",
                False,
            ),
            (
                "LUI4",
                "Leidinggevenden vragen medewerkers op een goede manier om feedback.",
                "Managers ask employees for feedback in a good way.",
                False,
            ),
            (
                "LUI5",
                "We overleggen met partners en leveranciers hoe we klanten samen beter kunnen"
                " helpen.",
                "We consult partners and suppliers on how to help customers better together.",
                False,
            ),
            (
                "LUI6",
                "Klachten worden bij ons vooral als lastig gezien, niet als kans om te leren.",
                "Here, complaints are mainly seen as a nuisance, not as a chance to learn.",
                True,
            ),
        ],
    ),
    "DRA": (
        "dragers",
        "agreement",
        [
            (
                "DRA1",
                "Collega's spreken elkaar erop aan als een klant niet goed geholpen is.",
                "Colleagues hold each other to account when a customer has not been helped well.",
                False,
            ),
            (
                "DRA2",
                "De verhalen die bij ons de ronde doen, gaan vaak over klanten die we goed hebben"
                " geholpen.",
                "The stories that go round here are often about customers we helped well.",
                False,
            ),
            (
                "DRA3",
                "In onze vaste overleggen en bijeenkomsten staat de klant op de agenda.",
                "The customer is on the agenda of our regular meetings and gatherings.",
                False,
            ),
            (
                "DRA4",
                "Onze werkwijzen en systemen maken het makkelijk om klanten goed te helpen.",
                "Our procedures and systems make it easy to help customers well.",
                False,
            ),
            (
                "DRA5",
                "Wat we vieren en zichtbaar maken, bijvoorbeeld op schermen of intranet, laat zien"
                " dat klanten belangrijk zijn.",
                "What we celebrate and make visible, for example on screens or the intranet,"
                " shows that customers matter.",
                False,
            ),
            (
                "DRA6",
                "Collega's naar wie anderen luisteren, zetten zich zichtbaar in voor klanten.",
                "Colleagues whom others listen to visibly commit themselves to customers.",
                False,
            ),
            (
                "DRA7",
                "Wie zich strikt aan de regels houdt, krijgt hier meer waardering dan wie de klant"
                " echt helpt.",
                "Here, people who stick strictly to the rules get more credit than those who"
                " really help the customer.",
                True,
            ),
        ],
    ),
    "KGO": (
        "klantgerichtheid",
        "agreement",
        [
            (
                "KGO1",
                "We begrijpen goed wat onze klanten nodig hebben, ook als ze het niet hardop"
                " zeggen.",
                "We understand well what our customers need, even when they do not say it out"
                " loud.",
                False,
            ),
            (
                "KGO2",
                "Onze doelen zijn erop gericht dat klanten tevreden zijn en blijven.",
                "Our goals aim at customers being and staying satisfied.",
                False,
            ),
            (
                "KGO3",
                "We zoeken steeds naar manieren om meer waarde voor klanten te creëren.",
                "We keep looking for ways to create more value for customers.",
                False,
            ),
            (
                "KGO4",
                "Ook na de verkoop of levering zorgen we goed voor onze klanten.",
                "We take good care of our customers after the sale or delivery as well.",
                False,
            ),
            (
                "KGO5",
                "Bij beslissingen telt vooral wat intern het makkelijkst is, niet wat de klant"
                " ervan zou vinden.",
                "In decisions, what is easiest internally counts for more than what the customer"
                " would think of it.",
                True,
            ),
        ],
    ),
    "NRM": (
        "collegas",
        "agreement",
        [
            (
                "NRM1",
                "De meeste collega's in mijn team doen echt moeite voor klanten.",
                "Most colleagues in my team really make an effort for customers.",
                False,
            ),
            (
                "NRM2",
                "Mijn collega's verwachten van mij dat ik doe wat goed is voor de klant.",
                "My colleagues expect me to do what is right for the customer.",
                False,
            ),
            (
                "NRM3",
                "In mijn team is het normaal dat je een klant zelf terugbelt als je iets hebt"
                " beloofd.",
                "In my team it is normal to call a customer back yourself when you promised"
                " something.",
                False,
            ),
            (
                "NRM4",
                "Collega's vinden het overdreven als je extra moeite doet voor een klant.",
                "Colleagues think it is over the top when you go the extra mile for a customer.",
                True,
            ),
        ],
    ),
    "INT": (
        "eigen_werk",
        "agreement",
        [
            (
                "INT1",
                "Ik ben van plan om de komende maand bij elk klantcontact na te gaan of de klant"
                " echt verder geholpen is.",
                "In the coming month I intend to check at every customer contact whether the"
                " customer has really been helped.",
                False,
            ),
            (
                "INT2",
                "Ik wil de komende weken zelf minstens één verbeterpunt van een klant oppakken.",
                "In the coming weeks I want to take up at least one customer improvement point"
                " myself.",
                False,
            ),
            (
                "INT3",
                "Ik ben niet van plan meer voor klanten te doen dan strikt nodig is.",
                "I do not intend to do more for customers than is strictly necessary.",
                True,
            ),
        ],
    ),
    "GED": (
        "eigen_werk",
        "frequency",
        [
            (
                "GED1",
                "Als ik een klant iets beloof, kom ik dat op de afgesproken dag na.",
                "When I promise a customer something, I deliver on the agreed day.",
                False,
            ),
            (
                "GED2",
                "Een verbeterpunt dat ik van een klant hoor, geef ik dezelfde week door aan wie"
                " het kan oplossen.",
                "An improvement point I hear from a customer I pass on the same week to whoever"
                " can solve it.",
                False,
            ),
            (
                "GED3",
                "Ik help een klant verder, ook als de vraag niet precies bij mijn taak hoort.",
                "I help a customer further, even when the question is not exactly part of my job.",
                False,
            ),
            (
                "GED4",
                "Ik stuur een klant door zonder na te gaan of die daar echt geholpen wordt.",
                "I refer a customer on without checking whether they will really be helped there.",
                True,
            ),
        ],
    ),
    "VER": (
        "verandering",
        "agreement",
        [
            (
                "VER1",
                "Ik neem zelf initiatief om ons werk beter te maken voor klanten.",
                "I take the initiative myself to make our work better for customers.",
                False,
            ),
            (
                "VER2",
                "Ik probeer collega's enthousiast te maken voor veranderingen die klanten helpen.",
                "I try to get colleagues enthusiastic about changes that help customers.",
                False,
            ),
            (
                "VER3",
                "Ik wacht liever af tot anderen een verandering hebben uitgeprobeerd.",
                "I would rather wait until others have tried out a change.",
                True,
            ),
            (
                "VER4",
                "Veranderingen voor klanten gaan vooral ten koste van mijn eigen werk.",
                "Changes for customers mostly come at the expense of my own work.",
                True,
            ),
            (
                "VER5",
                "Ik zie niet waarom wij klantgerichter zouden moeten werken.",
                "I do not see why we should work in a more customer-centred way.",
                True,
            ),
        ],
    ),
}

# The same concrete behaviours (TACT: target, action, context, time), asked as the manager's
# self-view and as the employee's view of their manager: (behaviour, self nl/en, seen nl/en,
# reverse). Reverse-keyed behaviours describe the undesired habit.
_BEHAVIOURS: list[tuple[str, str, str, str, str, bool]] = [
    (
        "B1",
        "Ik begin het teamoverleg met een verhaal of signaal van een klant.",
        "I open the team meeting with a story or signal from a customer.",
        "Mijn leidinggevende begint het teamoverleg met een verhaal of signaal van een klant.",
        "My manager opens the team meeting with a story or signal from a customer.",
        False,
    ),
    (
        "B2",
        "Ik ga minstens twee keer per jaar mee met collega's in hun werk met klanten.",
        "At least twice a year I join colleagues in their work with customers.",
        "Mijn leidinggevende gaat minstens twee keer per jaar met ons mee in ons werk met klanten.",
        "At least twice a year my manager joins us in our work with customers.",
        False,
    ),
    (
        "B3",
        "Als ik zie dat een collega een klant goed helpt, geef ik dezelfde dag een compliment.",
        "When I see a colleague help a customer well, I give a compliment the same day.",
        "Als ik een klant goed help, geeft mijn leidinggevende mij dezelfde dag een compliment.",
        "When I help a customer well, my manager compliments me the same day.",
        False,
    ),
    (
        "B4",
        "Na een klacht bespreek ik binnen een week met het team wat we ervan leren.",
        "After a complaint I discuss with the team within a week what we learn from it.",
        "Na een klacht bespreekt mijn leidinggevende binnen een week met ons wat we ervan leren.",
        "After a complaint my manager discusses with us within a week what we learn from it.",
        False,
    ),
    (
        "B5",
        "Bij besluiten in ons overleg vraag ik hardop: wat zou de klant hiervan vinden?",
        "When we decide something in our meetings I ask out loud: what would the customer think?",
        "Bij besluiten in ons overleg vraagt mijn leidinggevende hardop: wat zou de klant hiervan"
        " vinden?",
        "When we decide something in our meetings my manager asks out loud: what would the"
        " customer think?",
        False,
    ),
    (
        "B6",
        "Als een collega voor een klant van een regel afwijkt, steun ik die keuze achteraf.",
        "When a colleague deviates from a rule for a customer, I back that choice afterwards.",
        "Als ik voor een klant van een regel afwijk, steunt mijn leidinggevende die keuze"
        " achteraf.",
        "When I deviate from a rule for a customer, my manager backs that choice afterwards.",
        False,
    ),
    (
        "B7",
        "In de dagstart praat ik vooral over productiecijfers en doorlooptijden.",
        "In the daily huddle I mainly talk about production figures and handling times.",
        "In de dagstart praat mijn leidinggevende vooral over productiecijfers en doorlooptijden.",
        "In the daily huddle my manager mainly talks about production figures and handling times.",
        True,
    ),
]

_OPEN: list[tuple[str, str, str]] = [
    (
        "OPN1",
        "Waar spreken collega's elkaar bij jullie op aan?",
        "What do colleagues hold each other to here?",
    ),
    (
        "OPN2",
        "Welke verhalen worden er bij jullie over klanten verteld?",
        "Which stories about customers are told here?",
    ),
    (
        "OPN3",
        "Wat horen nieuwe collega's in hun eerste weken over hoe wij met klanten omgaan?",
        "What do new colleagues hear in their first weeks about how we treat customers?",
    ),
    (
        "OPN4",
        "Wat ontbreekt er om het goed te doen voor de klant?",
        "What is missing to do right by the customer?",
    ),
]

# Sections in form order; each scale's items appear in its section, in this order.
_SCALE_ORDER = ["VIS", "LEI", "HRM", "STU", "LUI", "DRA", "KGO"]
_AFTER_ROLE_MODEL = ["NRM", "INT", "GED", "VER"]


def _likert_items(scale: str) -> list[Item]:
    """Items of one Likert scale from the table above."""
    section, response_scale, rows = _LIKERT[scale]
    return [
        {
            "code": code,
            "section": section,
            "type": "likert",
            "scale": scale,
            "response_scale": response_scale,
            "reverse": reverse,
            "audience": "all",
            "text": _t(nl, en),
            "origin": "standard",
        }
        for code, nl, en, reverse in rows
    ]


def _role_model_items(self_view: bool) -> list[Item]:
    """The example-behaviour items as managers' self-view or employees' view of their manager."""
    items: list[Item] = []
    for number, (behaviour, s_nl, s_en, m_nl, m_en, reverse) in enumerate(_BEHAVIOURS, 1):
        items.append(
            {
                "code": f"VBZ{number}" if self_view else f"VBM{number}",
                "section": "voorbeeld_zelf" if self_view else "voorbeeld_leidinggevende",
                "type": "likert",
                "scale": "VBZ" if self_view else "VBM",
                "response_scale": "frequency",
                "reverse": reverse,
                "audience": "managers" if self_view else "employees",
                "text": _t(s_nl, s_en) if self_view else _t(m_nl, m_en),
                "origin": "standard",
                "behaviour": behaviour,
            }
        )
    return items


def _items() -> list[Item]:
    """All items in form order."""
    items: list[Item] = []
    for scale in _SCALE_ORDER:
        items.extend(_likert_items(scale))
    items.extend(_role_model_items(self_view=True))
    items.extend(_role_model_items(self_view=False))
    for scale in _AFTER_ROLE_MODEL:
        items.extend(_likert_items(scale))
    items.append(
        {
            "code": "AAN1",
            "section": "aanpak",
            "type": "choice",
            "scale": None,
            "response_scale": "approach",
            "reverse": False,
            "audience": "all",
            "text": _t(
                "Welke omschrijving past het best bij hoe klantbeleving in onze organisatie is"
                " georganiseerd?",
                "Which description best fits how customer experience is organised in our"
                " organisation?",
            ),
            "origin": "standard",
        }
    )
    for code, nl, en in _OPEN:
        items.append(
            {
                "code": code,
                "section": "open",
                "type": "open",
                "scale": None,
                "response_scale": None,
                "reverse": False,
                "audience": "all",
                "text": _t(nl, en),
                "origin": "standard",
            }
        )
    return items


def build() -> Questionnaire:
    """Build a fresh copy of questionnaire version 1."""
    return {
        "id": ID,
        "version": VERSION,
        "based_on": None,
        "title": _t("Cultuurscan klantgerichtheid", "Customer culture scan"),
        "languages": ["nl", "en"],
        "response_scales": {
            key: {
                "type": scale["type"],
                "options": [dict(option) for option in scale["options"]],  # type: ignore[misc]
                "dont_know": dict(scale["dont_know"]),  # type: ignore[typeddict-item]
            }
            for key, scale in RESPONSE_SCALES.items()
        },
        "scales": [dict(scale) for scale in SCALES],  # type: ignore[misc]
        "sections": [dict(section) for section in SECTIONS],  # type: ignore[misc]
        "items": _items(),
        "analysis": {
            "components": ["VIS", "LEI", "HRM", "STU"],
            "role_model_self": "VBZ",
            "role_model_seen": "VBM",
            "leader_example": "VBM",
            "peer_norms": "NRM",
            "outcome": ["INT", "GED"],
            "change_stance": "VER",
            "approach_item": "AAN1",
            "preconditions": [
                {
                    "key": "vision_carried",
                    "name": _t(
                        "Klantvisie gedragen door het middenkader",
                        "Vision carried by middle management",
                    ),
                    "items": ["VIS1", "VIS2", "VIS3", "VIS4", "VIS5"],
                    "audience": "managers",
                },
                {
                    "key": "hr_translation",
                    "name": _t("Vertaald in HR-beleid", "Translated into HR policy"),
                    "items": ["HRM1", "HRM2", "HRM3", "HRM4", "HRM5", "HRM6"],
                    "audience": "all",
                },
                {
                    "key": "pdca_steering",
                    "name": _t("Sturing in een PDCA-cyclus", "Steering in a PDCA cycle"),
                    "items": ["STU4", "STU5", "STU6", "STU7"],
                    "audience": "all",
                },
            ],
        },
    }
