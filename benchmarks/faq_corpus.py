"""Dutch knowledge-base texts for the question benchmarks, generated from word lists.

Each theme (geldzorgen, ouderen, mantelzorg, eenzaamheid, praktisch, jongeren) has the people
questions are about, the matters they concern, situations volunteers run into, who helps and
practical tips; entries, /faq search words and the longer question texts a volunteer types are
drawn from them, so the vocabulary overlaps the way a real knowledge base's does. The
hand-written entries of the ranking check are in benchmarks.faq_planted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from storage.faq import STOPWORDS


@dataclass(frozen=True)
class Theme:
    topic: str  # a question topic key of config.example.toml
    matters: tuple[str, ...]
    situations: tuple[str, ...]
    helpers: tuple[str, ...]


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


THEMES: dict[str, Theme] = {
    "geldzorgen": Theme(
        "geldzorgen",
        _split(
            "een betalingsachterstand; een huurachterstand; de energierekening; het energiefonds;"
            " schuldhulpverlening; een budgetcoach; de deurwaarder; een incassobureau;"
            " de huurtoeslag; de zorgtoeslag; bijzondere bijstand; kwijtschelding;"
            " de afvalstoffenheffing; de gemeentelijke belastingen; aanmaningen;"
            " schuldsanering; beschermingsbewind; een betalingsregeling; de belastingaangifte;"
            " een voedselpakket; het minimabeleid; de stadspas; een noodfonds"
        ),
        _split(
            "de post niet meer openmaakt; steeds meer aanmaningen krijgt;"
            " de huur al maanden niet kan betalen; is afgesloten van gas en licht;"
            " geen geld meer heeft voor boodschappen; een brief van de deurwaarder kreeg;"
            " zich schaamt voor de schulden; niet weet op welke toeslagen ze recht heeft;"
            " een boete kreeg die ze niet begrijpt; met de energierekening in de knel zit"
        ),
        _split(
            "het Geldloket; Schuldhulpmaatje; de Thuisadministratie van Humanitas; het wijkteam;"
            " de Formulierenbrigade; de Sociaal Raadslieden; de Voedselbank;"
            " de budgetcoach van de gemeente; Stichting Urgente Noden; het Juridisch Loket"
        ),
    ),
    "ouderen": Theme(
        "ouderen",
        _split(
            "de huishoudelijke hulp; een valpreventiecursus; een Wmo-aanvraag; een rollator;"
            " een driewielfiets; de thuiszorg; personenalarmering; een maaltijdservice; dagbesteding;"
            " vervoer naar het ziekenhuis; de buurtbus; vergeetachtigheid; dementie;"
            " een keukentafelgesprek; een seniorenwoning; de tablet en de computer;"
            " de medicijnen; gehoorproblemen; een traplift; boodschappen doen"
        ),
        _split(
            "steeds vergeetachtiger wordt; al weken niet buiten is geweest; onlangs is gevallen;"
            " niet meer zelf kan koken; de weg kwijtraakt in de wijk; moeite heeft met de trap;"
            " zich alleen voelt sinds haar man overleed; geen familie in de buurt heeft;"
            " niet met de computer overweg kan; te weinig eet en drinkt"
        ),
        _split(
            "de ouderenadviseur; het wijkteam; de Zonnebloem; het Alzheimer Café;"
            " Seniorenwelzijn; de praktijkondersteuner van de huisarts; de Wmo-consulent;"
            " de thuiszorgorganisatie; Vitaal Thuis; de Luisterlijn"
        ),
    ),
    "mantelzorg": Theme(
        "ouderen",
        _split(
            "tijdelijke opvang; mantelzorgondersteuning; een logeerhuis;"
            " overbelasting; vervangende zorg; een lotgenotengroep; zorgverlof;"
            " het persoonsgebonden budget; de dagopvang; een mantelzorgmakelaar;"
            " een oppas voor een middag; de mantelzorgwaardering"
        ),
        _split(
            "voor haar zieke moeder zorgt en zelf uitgeput raakt; niet meer op vakantie kan;"
            " werk en zorg niet meer kan combineren; zich schuldig voelt als hij tijd voor"
            " zichzelf neemt; dag en nacht klaarstaat voor zijn vrouw met dementie;"
            " slecht slaapt door de zorg voor haar zoon"
        ),
        _split(
            "het Mantelzorgsteunpunt; de mantelzorgconsulent; het wijkteam; Handen in Huis;"
            " de Zorgcentrale; het Netwerk Dementie; de vrijwillige thuishulp"
        ),
    ),
    "eenzaamheid": Theme(
        "anders",
        _split(
            "een buddy; de koffieochtend; een wandelgroep; de eetgroep; vrijwilligerswerk;"
            " een huisbezoek; de buurtkamer; een telefooncirkel; de leesclub;"
            " een zangkoor; de inloopochtend; de bibliotheek; een moestuin"
        ),
        _split(
            "bijna niemand meer spreekt; sinds de verhuizing niemand kent in de buurt;"
            " zich nutteloos voelt na het pensioen; de hele dag televisie kijkt;"
            " graag mensen wil ontmoeten maar het spannend vindt; de taal nog niet goed spreekt"
        ),
        _split(
            "de buurtkamer; het welzijnswerk; de Luisterlijn; Stichting Buurtgenoten;"
            " de bibliotheek; het buurthuis; de wijkverbinder"
        ),
    ),
    "praktisch": Theme(
        "praktisch",
        _split(
            "een klusje in huis; de tuin; grofvuil; een kapotte wasmachine; het Repair Café;"
            " de formulieren; internetbankieren; een lekkage; de woningcorporatie; schimmel;"
            " geluidsoverlast; een burenruzie; buurtbemiddeling; het afvalrooster;"
            " de kringloopwinkel; een verhuizing; een fiets; het openbaar vervoer"
        ),
        _split(
            "de tuin niet meer kan bijhouden; een lekkende kraan heeft; last heeft van de buren;"
            " niet weet hoe internetbankieren werkt; een kapotte verwarming heeft; grofvuil op de stoep zet;"
            " moet verhuizen maar geen hulp heeft"
        ),
        _split(
            "het Repair Café; Buurtbemiddeling; de woningcorporatie; de klussendienst;"
            " het Digicafé; de Formulierenbrigade; Handen in de Wijk"
        ),
    ),
    "jongeren": Theme(
        "anders",
        _split(
            "huiswerkbegeleiding; het jongerenwerk; een sportclub; het Jeugdfonds Sport;"
            " een bijbaan; een stageplek; overlast op het plein; schooluitval; een zomerkamp;"
            " de Jongerenpas"
        ),
        _split(
            "niet meer naar school gaat; 's avonds op straat hangt; geen geld heeft voor sport;"
            " hulp zoekt bij het huiswerk; thuis veel ruzie heeft"
        ),
        _split(
            "het jongerenwerk; de schoolmaatschappelijk werker; het Jeugdfonds Sport;"
            " het Centrum voor Jeugd en Gezin; de wijkagent"
        ),
    ),
}

PEOPLE = _split(
    "een buurvrouw; een buurman; een oudere bewoner; een alleenstaande moeder; een jong gezin;"
    " een statushouder; een bewoner; een vader met drie kinderen; een weduwe; een student;"
    " een man die net gescheiden is; een vrouw met een beperking; een oudere dame; een gezin"
)
PLACES = _split(
    "het wijkcentrum; het buurthuis; de bibliotheek; het gezondheidscentrum; het stadskantoor;"
    " de buurtkamer; het wijkpunt; de kerk aan het plein"
)
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
TIMES = ("ochtend", "middag")
TIPS = _split(
    "Neem de laatste brieven mee.; Een afspraak is niet nodig.; Het is gratis en vertrouwelijk.;"
    " Hoe eerder iemand komt, hoe meer er nog te regelen is.; Samen bellen werkt vaak beter"
    " dan een brief.; Er is soms een wachtlijst van een paar weken.; Ga gerust een keer mee,"
    " dat maakt de stap kleiner.; Meld het ook bij het wijkteam, dan kijken zij mee.;"
    " Vraag naar de voorwaarden, die verschillen per gemeente.; Bewoners kunnen zichzelf"
    " aanmelden, een verwijzing is niet nodig."
)
QUESTIONS = (
    "Waar kan {who} terecht met {matter}?",
    "Wie helpt {who} met {matter}?",
    "Hoe regelt {who} {matter}?",
    "Wat kan ik doen voor {who} die {situation}?",
    "Is er hulp voor {who} die {situation}, bijvoorbeeld met {matter}?",
    "Kan {who} hulp krijgen bij {matter} en {matter2}?",
)
ANSWERS = (
    "{Helper} helpt hierbij. Ze zitten op {day}{time} in {place}. {tip}",
    "Verwijs naar {helper}, die kent de mogelijkheden rond {matter}. {tip} {tip2}",
    "Daarvoor is {helper} er. Iemand kan op {day} zonder afspraak binnenlopen in {place}. {tip}",
    "Eerst {helper} bellen; zij kijken samen naar {matter} en {matter2}. {tip} {tip2}",
)
OPENINGS = (
    "Ik kom sinds kort bij {who} die {situation}.",
    "Vandaag sprak ik {who} die {situation}.",
    "In de wijk ken ik {who} die {situation}.",
)
MIDDLES = (
    "Het lijkt de laatste tijd erger te worden en ze vraagt of ik iets kan uitzoeken.",
    "Familie woont ver weg en de buren weten er weinig van.",
    "Ik wil niets beloven wat ik niet waar kan maken, maar wel goed doorverwijzen.",
    "We hebben er samen al een keer over gepraat bij de koffie.",
    "Er speelt ook iets met {matter}.",
)
ENDINGS = (
    "Weet iemand waar je terecht kunt met {matter}?",
    "Wie kan helpen met {matter}?",
    "Hoe pak ik dat aan, en is er hulp bij {matter}?",
    "Wat is hier de beste stap?",
)


def _fill(template: str, theme: Theme, rng: random.Random) -> str:
    matter, matter2 = rng.sample(theme.matters, 2)
    helper = rng.choice(theme.helpers)
    text = template.format(
        who=rng.choice(PEOPLE),
        matter=matter,
        matter2=matter2,
        situation=rng.choice(theme.situations),
        helper=helper,
        Helper=helper[0].upper() + helper[1:],
        day=rng.choice(DAYS),
        time=rng.choice(TIMES),
        place=rng.choice(PLACES),
        tip=rng.choice(TIPS),
        tip2=rng.choice(TIPS),
    )
    return text[0].upper() + text[1:]


def entry(rng: random.Random) -> tuple[str, str, str]:
    """(topic, question, answer) of one published entry."""
    theme = THEMES[rng.choice(list(THEMES))]
    question = _fill(rng.choice(QUESTIONS), theme, rng)
    answer = _fill(rng.choice(ANSWERS), theme, rng)
    return theme.topic, question, answer


def question_text(rng: random.Random, low: int = 20, high: int = 40) -> tuple[str, str]:
    """(topic, text) of a question a volunteer types: `low` to `high` words."""
    while True:
        theme = THEMES[rng.choice(list(THEMES))]
        parts = [_fill(rng.choice(OPENINGS), theme, rng)]
        parts += [_fill(m, theme, rng) for m in rng.sample(MIDDLES, rng.randint(1, 2))]
        parts.append(_fill(rng.choice(ENDINGS), theme, rng))
        text = " ".join(parts)
        if low <= len(text.split()) <= high:
            return theme.topic, text


def _keywords(theme: Theme) -> tuple[str, ...]:
    words = {w.strip(",.?'").lower() for phrase in theme.matters for w in phrase.split()}
    return tuple(sorted(w for w in words if len(w) >= 5 and w not in STOPWORDS))


KEYWORDS = {name: _keywords(theme) for name, theme in THEMES.items()}


def search_words(rng: random.Random) -> str:
    """One to three words someone types after /faq: what one theme's matters are about."""
    words = KEYWORDS[rng.choice(list(KEYWORDS))]
    return " ".join(rng.sample(words, rng.randint(1, 3)))
