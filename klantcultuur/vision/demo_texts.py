"""Dutch texts of the vision demo (Woonstichting Rivierduin, a housing corporation)."""

from __future__ import annotations

VISION_V1_TITLE = "Thuis bij Rivierduin"
VISION_V1 = """Wij willen dat iedere huurder zich thuis voelt: in zijn woning, in zijn buurt en in het contact met ons.

Over vijf jaar zijn we de woningcorporatie waar huurders zeggen: ze zijn bereikbaar, ze doen wat ze zeggen en ze denken met me mee. We willen geen instantie zijn waar je van het kastje naar de muur wordt gestuurd.

Dat vraagt van iedere collega dat hij de vraag van de huurder afmaakt, ook als die niet van zijn eigen afdeling is. Het vraagt van leidinggevenden dat ze elke dag sturen op wat huurders ervaren, niet alleen op wachttijden."""

VISION_V2_TITLE = "Thuis bij Rivierduin"
VISION_V2 = """Wij willen dat iedere huurder zich thuis voelt: in zijn woning, in zijn buurt en in het contact met ons.

Over vijf jaar zijn we de woningcorporatie waar huurders zeggen: ze zijn bereikbaar, ze doen wat ze zeggen en ze regelen het. We willen geen instantie zijn waar je van het kastje naar de muur wordt gestuurd, en ook geen organisatie die meer belooft dan ze kan waarmaken.

Dat vraagt van iedere collega dat hij de vraag van de huurder afmaakt, ook als die niet van zijn eigen afdeling is, en dat hij de ruimte krijgt om te doen wat nodig is. Het vraagt van leidinggevenden dat ze elke dag in de dagstart sturen op wat huurders ervaren, niet alleen op wachttijden, en dat ze zelf het voorbeeld geven.

Het vraagt van onze processen dat een afspraak in het systeem een afspraak met de huurder is: wie plant, belt de huurder als het anders loopt."""

# (title, explanation); the second version rewords the third and adds a fifth.
PROMISES_V1 = [
    (
        "We zijn bereikbaar en bellen terug",
        "Binnen een werkdag hoort u van ons, ook als we het antwoord nog niet hebben.",
    ),
    (
        "Afspraak is afspraak",
        "We komen op de afgesproken tijd; lukt dat niet, dan hoort u het vooraf.",
    ),
    ("We denken met u mee", "We zoeken samen naar een oplossing die bij uw situatie past."),
    ("Eén aanspreekpunt", "Eén collega houdt uw vraag bij tot hij is opgelost."),
]
PROMISES_V2 = [
    (
        "We zijn bereikbaar en bellen terug",
        "Binnen een werkdag hoort u van ons, ook als we het antwoord nog niet hebben.",
    ),
    (
        "Afspraak is afspraak",
        "We komen op de afgesproken tijd; lukt dat niet, dan hoort u het vooraf.",
    ),
    ("We geven een helder antwoord", "In gewone taal, met wat u kunt verwachten en wanneer."),
    (
        "Eén aanspreekpunt regelt het",
        "Eén collega houdt uw vraag bij tot hij is opgelost, ook als andere afdelingen nodig zijn.",
    ),
    (
        "We luisteren en doen er iets mee",
        "Wat u ons vertelt, bespreken we in de dagstart; u hoort wat we ermee deden.",
    ),
]
CHANGE_NOTE = (
    "Na de gesprekken met teamleiders en het klantenpanel: 'meedenken' vervangen door "
    "een helder antwoord, belofte over luisteren toegevoegd, rol van processen benoemd."
)

ROUND_TITLE = "Ronde 1: wat willen we zijn voor onze huurders?"
ROUND_INVITATION = (
    "Directie en CX-lead schrijven de klantvisie niet alleen. Geef per vraag je antwoord "
    "en reageer op dat van collega's: waar ben je het mee eens, wat mis je?"
)
# Per question position: answers colleagues gave.
CONTRIBUTIONS = {
    0: [
        "Dat huurders ons aanraden bij familie en vrienden, in plaats van over ons klagen op Facebook.",
        "Dat een huurder maar één keer hoeft te bellen.",
        "Dat we weten wie er in onze woningen wonen, zeker de kwetsbare huurders.",
    ],
    1: [
        "Een betrouwbare verhuurder: doen wat we zeggen.",
        "Bereikbaar, ook buiten kantoortijden bij spoed.",
        "Een buur die meedenkt, geen instantie.",
    ],
    2: [
        "Geen organisatie die zich achter regels verschuilt.",
        "Niet de goedkoopste, wel de betrouwbaarste.",
        "Geen loket waar je van het kastje naar de muur gaat.",
    ],
    3: [
        "We bellen binnen een werkdag terug.",
        "Afspraak is afspraak: de monteur komt op tijd of belt vooraf.",
        "U krijgt een antwoord dat u begrijpt, zonder vakjargon.",
        "Eén vast aanspreekpunt bij een klacht.",
    ],
    4: [
        "Dat de monteur zijn schoenen uittrekt en uitlegt wat hij gedaan heeft.",
        "Dat je bij de balie niet drie keer je verhaal hoeft te vertellen.",
    ],
    5: [
        "Ruimte om zelf iets op te lossen zonder eerst toestemming te vragen.",
        "Dat we elkaar aanspreken als een terugbelverzoek blijft liggen.",
    ],
    6: [
        "Dat de teamleider in de dagstart begint met een klantverhaal, niet met de wachttijd.",
        "Zelf meelopen met de monteurs, twee keer per jaar.",
    ],
    7: [
        "Een planning die de huurder meteen bevestigd krijgt per sms.",
        "Eén klantbeeld in het systeem, zodat iedereen de geschiedenis ziet.",
    ],
}
COMMENTS = [
    "Helemaal mee eens, dit hoor ik ook aan de telefoon.",
    "Kunnen we dit meetbaar maken?",
    "Mooi, maar dan moet planning ook meedoen.",
    "Dit mag wat mij betreft belofte nummer één zijn.",
]

REMARKS = [
    "Ik sta erachter, maar mijn team heeft tijd nodig om terugbellen binnen een werkdag waar te maken.",
    "Eens. Graag de belofte over één aanspreekpunt nog toetsen bij de monteurs.",
    "Goed stuk. Let op dat 'helder antwoord' ook voor brieven geldt, niet alleen aan de telefoon.",
    "Akkoord; ik mis nog iets over de kwetsbare huurders.",
    "Ik draag hem uit, maar de planning moet wel meebewegen.",
]
NOT_YET = [
    "Niet zolang we met de huidige bezetting het terugbellen binnen een werkdag niet halen. Dan beloven we iets wat we niet waarmaken.",
    "Eén aanspreekpunt is bij ons niet haalbaar: onderhoudsvragen lopen via drie afdelingen. Eerst het proces aanpassen.",
    "Ik vind de visie te veel gericht op het klantcontactcentrum; de rol van vastgoed ontbreekt.",
    "Ik wil het eerst met mijn team bespreken voordat ik teken.",
]
OBJECTION_ANSWER = (
    "Terecht punt. We nemen de bezetting mee in het jaarplan en starten in jouw team met een "
    "terugbelblok in de middag. Wil je opnieuw kijken?"
)

# (promise index in v2, short name, context, action, target, time, unit code or "")
BEHAVIOURS = [
    (
        0,
        "Terugbellen binnen een werkdag",
        "Bij elke vraag die ik niet direct kan beantwoorden",
        "bel ik",
        "de huurder",
        "binnen een werkdag terug, ook als er nog geen antwoord is",
        "",
    ),
    (
        0,
        "Terugbelverzoek overdragen",
        "Als ik een terugbelverzoek niet zelf kan afhandelen",
        "draag ik het met naam over aan",
        "een collega",
        "voor het einde van mijn dienst",
        "",
    ),
    (
        0,
        "Spoed direct doorzetten",
        "Bij een spoedmelding (lekkage, geen verwarming)",
        "zet ik de opdracht door en bel",
        "de huurder",
        "binnen 15 minuten met de verwachte aankomsttijd",
        "W-KC-A",
    ),
    (
        1,
        "Vooraf bellen bij uitloop",
        "Als ik later kom dan afgesproken",
        "bel ik",
        "de huurder",
        "zodra ik weet dat ik het tijdvak niet haal",
        "V-RO-N",
    ),
    (
        1,
        "Afspraak bevestigen",
        "Bij elke reparatieafspraak",
        "stuur ik een bevestiging met datum en tijdvak naar",
        "de huurder",
        "direct na het plannen",
        "V-RO-P",
    ),
    (
        1,
        "Werk uitleggen bij vertrek",
        "Na elke reparatie in de woning",
        "leg ik uit wat ik gedaan heb aan",
        "de huurder",
        "voordat ik de woning verlaat",
        "",
    ),
    (
        2,
        "Samenvatten voor ophangen",
        "Aan het eind van elk klantgesprek",
        "vat ik samen wat we afspreken en wanneer, voor",
        "de huurder",
        "voordat ik ophang",
        "",
    ),
    (
        2,
        "Brief in gewone taal",
        "Bij elke brief of e-mail over huur of onderhoud",
        "laat ik de tekst lezen door",
        "een collega buiten mijn afdeling",
        "voor verzending, op B1-niveau",
        "",
    ),
    (
        3,
        "Vraag afmaken",
        "Als een vraag van de huurder bij een andere afdeling ligt",
        "blijf ik het aanspreekpunt en houd ik",
        "de huurder",
        "elke drie werkdagen op de hoogte tot het is opgelost",
        "",
    ),
    (
        3,
        "Warme doorverbinding",
        "Als ik doorverbind",
        "vertel ik de vraag zelf aan",
        "de collega",
        "voordat ik de huurder doorzet, zodat die niets hoeft te herhalen",
        "W-KC-B",
    ),
    (
        4,
        "Klantverhaal in de dagstart",
        "In elke dagstart",
        "begint de teamleider met het klantverhaal van gisteren voor",
        "het team",
        "in de eerste vijf minuten",
        "",
    ),
    (
        4,
        "Terugkoppelen wat we deden",
        "Als een huurder een verbeterpunt gaf",
        "laat ik weten wat we ermee doen aan",
        "de huurder",
        "binnen twee weken",
        "",
    ),
]
# Per behaviour (same order as BEHAVIOURS): what colleagues wrote when they saw it.
OBSERVATION_NOTES = [
    ["Belde mevrouw terug terwijl het antwoord er nog niet was; ze was er zichtbaar blij mee.", ""],
    ["Nam een terugbelverzoek van mij over toen ik ziek naar huis ging.", ""],
    ["Zette de lekkage binnen tien minuten door en belde de huurder terug.", ""],
    ["Belde de huurder een uur van tevoren dat hij later zou zijn.", ""],
    ["Stuurde meteen een bevestiging met het tijdvak; de huurder hoefde niet vrij te nemen.", ""],
    ["Legde de huurder rustig uit wat er met de cv-ketel aan de hand was.", ""],
    ["Vatte het gesprek samen en sprak een belmoment af.", ""],
    ["Liet de brief over de huurverhoging eerst door mij lezen.", ""],
    ["Bleef aanspreekpunt voor de schimmelklacht, ook al lag het bij vastgoed.", ""],
    ["Verbond door en vertelde zelf de vraag aan planning.", ""],
    ["Begon de dagstart met het verhaal van meneer Jansen.", ""],
    ["Liet de bewonerscommissie weten wat we met hun punt over de verlichting deden.", ""],
]

# Ways people write the promises from memory (some close, some loose, some wrong).
RECALL_PHRASES = [
    [
        "binnen een dag terugbellen",
        "we bellen terug",
        "terugbellen als we dat beloven",
        "bereikbaar zijn",
    ],
    [
        "afspraak is afspraak",
        "op tijd komen bij afspraken",
        "afspraken nakomen",
        "vooraf laten weten als we later zijn",
    ],
    [
        "duidelijk antwoord geven",
        "helder antwoord in gewone taal",
        "geen vakjargon",
        "duidelijke taal",
    ],
    ["één aanspreekpunt", "vaste contactpersoon die het regelt", "één persoon regelt de vraag"],
    [
        "luisteren naar de huurder en er iets mee doen",
        "we luisteren",
        "feedback bespreken in de dagstart",
    ],
]
RECALL_NOISE = [
    "klantgericht zijn",
    "vriendelijk zijn",
    "de huurder staat centraal",
    "goede service",
    "betaalbaar wonen",
    "samenwerken",
    "iets met kwaliteit",
    "weet ik niet precies meer",
]

CUSTOMER_ANSWERS = [
    "Dat ik word teruggebeld als dat is toegezegd. Nu moet ik altijd zelf weer bellen.",
    "Dat de monteur op tijd komt, of even belt als het later wordt.",
    "Duidelijke brieven. Ik snap de brief over de servicekosten niet.",
    "Eén persoon die mijn klacht over de schimmel oppakt en afmaakt.",
    "Dat jullie bereikbaar zijn, ook 's avonds bij een lekkage.",
    "Dat er naar ons geluisterd wordt als bewonerscommissie.",
    "Snelle reparaties en vriendelijk personeel.",
    "Dat de portiek schoon wordt gehouden en de verlichting het doet.",
    "Eerlijk zeggen als iets niet kan, in plaats van niets laten horen.",
    "Dat ik niet drie keer mijn verhaal hoef te vertellen.",
    "Betaalbare huur en een goed onderhouden woning.",
    "Dat de medewerker aan de telefoon weet wat er al eerder besproken is.",
    "Een afspraak die ook echt doorgaat. Ik heb twee keer voor niets vrij genomen.",
    "Dat jullie de buurt veilig houden en overlast aanpakken.",
    "Heldere uitleg over wat ik zelf moet repareren en wat jullie doen.",
    "Dat de website werkt en ik zelf een reparatie kan plannen.",
]

# Words in a customer's compliment that point to one of the behaviours above (by short name);
# a compliment without them is tagged with a behaviour that fits the team.
TAG_WORDS = [
    (("teruggebeld", "terugbel"), "Terugbellen binnen een werkdag"),
    (("legde alles", "uitleg", "uitgelegd"), "Werk uitleggen bij vertrek"),
    (("op tijd", "afgesproken tijd", "zoals beloofd", "afspraak"), "Afspraak bevestigen"),
    (("op de hoogte", "voortgang", "bericht"), "Vraag afmaken"),
    (("duidelijke informatie", "heldere", "mail"), "Brief in gewone taal"),
    (("meteen iemand", "direct opgenomen", "kon al mijn vragen"), "Samenvatten voor ophangen"),
]

# How employees are asked about their manager's example in the scan (the managers are asked
# the behaviour's own sentence).
SEEN_TEXTS = {
    "Terugbellen binnen een werkdag": "Mijn leidinggevende belt een huurder binnen een werkdag"
    " terug als hij of zij een vraag niet direct kan beantwoorden.",
    "Terugbelverzoek overdragen": "Mijn leidinggevende draagt een terugbelverzoek dat hij of zij"
    " niet zelf afhandelt met naam over aan een collega, voor het einde van de dag.",
    "Werk uitleggen bij vertrek": "Mijn leidinggevende legt een huurder uit wat er gedaan is"
    " voordat hij of zij weggaat.",
    "Samenvatten voor ophangen": "Mijn leidinggevende vat aan het eind van een klantgesprek"
    " samen wat er is afgesproken en wanneer.",
    "Brief in gewone taal": "Mijn leidinggevende laat een brief of e-mail aan huurders eerst"
    " lezen door iemand buiten de afdeling.",
    "Vraag afmaken": "Als een vraag van een huurder bij een andere afdeling ligt, blijft mijn"
    " leidinggevende het aanspreekpunt en houdt de huurder op de hoogte.",
    "Klantverhaal in de dagstart": "Mijn leidinggevende begint elke dagstart met het"
    " klantverhaal van gisteren.",
}
# The behaviours the demo's scan wave asked about.
IN_SCAN = [
    "Klantverhaal in de dagstart",
    "Terugbellen binnen een werkdag",
    "Vraag afmaken",
    "Werk uitleggen bij vertrek",
    "Samenvatten voor ophangen",
    "Brief in gewone taal",
]
