"""Hand-written knowledge-base entries for the ranking check of benchmarks.faq_scale.

Each entry's question names something the generated entries (benchmarks.faq_corpus) never name
(beslag, ontruiming, alarmknop, DigiD, ...) beside words they use a lot; its /faq query and the
20 to 40-word question a volunteer would type use that word too. So the planted entry is the
right first answer for both, and the check shows whether the common words push it down.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Planted:
    """An entry that is the right answer for `query` (/faq) and for `text` (about to be asked)."""

    topic: str
    question: str
    answer: str
    query: str
    text: str


def _planted(*fields: str) -> Planted:
    return Planted(*fields)


PLANTED = (
    _planted(
        "geldzorgen",
        "Kan een bewoner kwijtschelding krijgen voor de waterschapsbelasting?",
        "Ja. Het Waterschapsloket beoordeelt de kwijtschelding; de Formulierenbrigade vult het"
        " verzoek samen in. Doe het binnen drie maanden na de aanslag.",
        "kwijtschelding waterschapsbelasting",
        "Een buurvrouw kreeg een aanslag voor de waterschapsbelasting die ze echt niet kan"
        " betalen. Ze heeft alleen een kleine uitkering. Kan zij kwijtschelding aanvragen en hoe"
        " pakt ze dat het beste aan?",
    ),
    _planted(
        "geldzorgen",
        "Wat moet iemand doen als de deurwaarder beslag legt op de uitkering?",
        "Controleer samen de beslagvrije voet: die moet de deurwaarder respecteren. Het"
        " Juridisch Loket rekent hem gratis na en schrijft de deurwaarder zo nodig aan.",
        "deurwaarder beslag",
        "Bij een oudere buurman heeft de deurwaarder beslag gelegd op zijn uitkering. Hij houdt"
        " bijna niets over voor boodschappen en weet niet wat hij nu moet doen. Wie kan hem"
        " hierbij helpen?",
    ),
    _planted(
        "geldzorgen",
        "Hoe vraagt een huishouden de energietoeslag aan?",
        "Via het formulier op de site van de gemeente; met de Stadspas gaat het sneller. Het"
        " Energieloket in de bibliotheek helpt op donderdag bij het invullen.",
        "energietoeslag aanvragen",
        "Een alleenstaande moeder in de wijk zit krap en heeft gehoord van de energietoeslag."
        " Ze weet niet of ze daar recht op heeft en hoe ze die moet aanvragen. Waar kan ik haar"
        " naartoe sturen?",
    ),
    _planted(
        "geldzorgen",
        "Wat te doen bij een huurachterstand als de woningcorporatie met ontruiming dreigt?",
        "Bel samen met de huurder de incassoafdeling van de corporatie en vraag om een"
        " betalingsregeling; bij een grote achterstand schakelt de corporatie zelf het"
        " vroegsignaleringsteam in.",
        "huurachterstand ontruiming",
        "Een gezin uit de flat heeft een huurachterstand van een paar maanden bij de"
        " woningcorporatie. Ze zijn bang voor een ontruiming. Wat kunnen ze nu het"
        " beste doen?",
    ),
    _planted(
        "ouderen",
        "Hoe krijgt een oudere bewoner een alarmknop voor thuis?",
        "Via de zorgverzekeraar of de thuiszorgorganisatie; een persoonsalarm kost een paar"
        " euro per maand. De ouderenadviseur regelt de aansluiting en zoekt contactpersonen.",
        "alarmknop",
        "Een oudere dame bij mij in de straat is onlangs gevallen en lag een hele nacht op de"
        " vloer. Haar kinderen willen graag dat ze een alarmknop krijgt. Hoe regel je dat?",
    ),
    _planted(
        "ouderen",
        "Kan iemand via de Wmo een scootmobiel krijgen?",
        "Ja, na een keukentafelgesprek met de Wmo-consulent. Meld het bij het Wmo-loket; een"
        " proefrit bij de leverancier hoort erbij.",
        "scootmobiel wmo",
        "Een buurman van in de tachtig kan niet meer zo ver lopen en komt daardoor bijna niet"
        " meer bij de winkels. Kan hij via de Wmo een scootmobiel krijgen, en hoe gaat dat?",
    ),
    _planted(
        "ouderen",
        "Waar kan iemand met beginnende geheugenproblemen terecht?",
        "Eerst naar de huisarts voor onderzoek; daarna ondersteunt de casemanager dementie. Het"
        " Alzheimer Café in het buurthuis is er ook voor de partner, elke derde dinsdag.",
        "geheugenproblemen",
        "Mijn buurvrouw vergeet steeds vaker afspraken en raakte vorige week de weg kwijt in de"
        " wijk. Haar man maakt zich zorgen over geheugenproblemen. Waar kunnen zij terecht voor"
        " hulp?",
    ),
    _planted(
        "ouderen",
        "Kan een oudere zonder auto met de regiotaxi naar het ziekenhuis?",
        "Met de regiotaxi, met een Wmo-pas tegen een laag tarief. De vrijwillige"
        " Automaatje-chauffeurs rijden ook; bestel een dag vooraf.",
        "regiotaxi ziekenhuis",
        "Een oudere bewoner moet elke week naar het ziekenhuis voor een behandeling maar heeft"
        " geen auto en geen familie die kan rijden. Kan hij de regiotaxi gebruiken of is er iets"
        " anders?",
    ),
    _planted(
        "ouderen",
        "Wat is respijtzorg en hoe regelt een mantelzorger het?",
        "Respijtzorg neemt de zorg even over zodat de mantelzorger kan bijkomen: een logeerhuis,"
        " dagopvang of een vrijwilliger aan huis. De mantelzorgconsulent zoekt uit wat past.",
        "respijtzorg",
        "Een vrouw in de wijk zorgt al jaren voor haar zieke man en raakt zelf uitgeput. Ze zou"
        " graag af en toe een weekend rust hebben. Is er respijtzorg en hoe regelt ze dat?",
    ),
    _planted(
        "ouderen",
        "Hoe vraag je het mantelzorgcompliment aan?",
        "Het mantelzorgcompliment vraagt de verzorgde aan bij het Mantelzorgsteunpunt, elk jaar"
        " voor één november. Het is een waardebon van honderd euro.",
        "mantelzorgcompliment",
        "Een buurman zorgt elke dag voor zijn moeder die naast hem woont. Iemand zei dat hij"
        " recht heeft op het mantelzorgcompliment. Weet iemand hoe en waar hij dat kan"
        " aanvragen?",
    ),
    _planted(
        "ouderen",
        "Kan een werkende mantelzorger zorgverlof krijgen van de werkgever?",
        "Ja: kortdurend zorgverlof met zeventig procent loon en langdurend zorgverlof onbetaald."
        " Bespreek het met de werkgever; de mantelzorgmakelaar helpt met het gesprek.",
        "zorgverlof werkgever",
        "Een vader in de straat werkt fulltime en zorgt daarnaast voor zijn zoon met een"
        " beperking. Hij kan werk en zorg niet meer combineren. Kan hij zorgverlof krijgen van"
        " zijn werkgever?",
    ),
    _planted(
        "anders",
        "Hoe vindt iemand een maatje om samen dingen mee te doen?",
        "Stichting Maatjes koppelt bewoners aan een vaste vrijwilliger die eens per week"
        " langskomt of meegaat naar buiten. Aanmelden kan bij de wijkverbinder.",
        "maatje",
        "Een weduwe bij mij in de buurt spreekt bijna niemand meer sinds haar man overleed. Ze"
        " zou het fijn vinden om iemand te hebben die af en toe langskomt. Hoe vindt ze een"
        " maatje?",
    ),
    _planted(
        "anders",
        "Is er een taalcafé waar een statushouder Nederlands kan oefenen?",
        "In het taalcafé van de bibliotheek, elke woensdagmiddag; daar oefenen nieuwkomers met"
        " vrijwilligers. Het is gratis en aanmelden hoeft niet.",
        "taalcafé statushouder",
        "Een jonge statushouder in de flat spreekt de taal nog niet goed en kent verder niemand"
        " in de buurt. Hij wil graag Nederlands oefenen en mensen leren kennen. Is er een"
        " taalcafé of iets dergelijks?",
    ),
    _planted(
        "anders",
        "Is er een eetgroep in de wijk waar iemand kan aanschuiven?",
        "De eetgroep in de buurtkamer kookt elke vrijdag voor een klein bedrag; aanschuiven kan"
        " na aanmelden bij de kok. Vervoer kan geregeld worden.",
        "eetgroep aanschuiven",
        "Een oudere buurman eet elke avond alleen voor de televisie en kookt eigenlijk niet meer."
        " Ik denk dat hij het leuk zou vinden om met anderen te eten. Is er een eetgroep waar"
        " hij kan aanschuiven?",
    ),
    _planted(
        "praktisch",
        "Hoe laat iemand grofvuil ophalen?",
        "Grofvuil wordt gratis opgehaald na een afspraak via de app van de afvaldienst; zet het"
        " pas op de ophaaldag buiten. Wie niet kan tillen, vraagt de klussendienst.",
        "grofvuil ophalen",
        "Een buurvrouw gaat verhuizen en heeft een oude bank en een kast die weg moeten. Ze kan"
        " zelf niets tillen en heeft geen auto. Hoe laat ze dat grofvuil ophalen?",
    ),
    _planted(
        "praktisch",
        "Wie helpt iemand met het aanvragen van DigiD?",
        "Het Digicafé in de bibliotheek helpt op dinsdag met DigiD aanvragen en activeren; neem"
        " een legitimatiebewijs en de telefoon mee. Een machtiging kan ook.",
        "digid",
        "Een oudere bewoner moet voor de belastingaangifte inloggen met DigiD maar heeft dat"
        " nooit aangevraagd en vindt de computer lastig. Wie kan hem helpen om DigiD aan te"
        " vragen en te gebruiken?",
    ),
    _planted(
        "praktisch",
        "Wat doe je aan schimmel in een huurwoning?",
        "Meld de schimmel schriftelijk bij de woningcorporatie; zij moeten de oorzaak"
        " onderzoeken. Helpt dat niet, dan kan de Huurcommissie een huurverlaging toekennen.",
        "schimmel huurwoning",
        "Een gezin met jonge kinderen heeft veel schimmel in de badkamer en de slaapkamer van"
        " hun huurwoning. De kinderen hoesten veel. De woningcorporatie reageert niet. Wat"
        " kunnen ze doen?",
    ),
    _planted(
        "praktisch",
        "Wat kan buurtbemiddeling doen bij geluidsoverlast van bovenburen?",
        "Buurtbemiddeling zet twee getrainde vrijwilligers in die eerst met beide buren apart"
        " praten en daarna samen. Aanmelden kan gratis door een van de buren.",
        "geluidsoverlast bovenburen",
        "Een bewoner heeft al maanden last van harde muziek van de bovenburen, ook 's nachts."
        " Praten heeft niet geholpen en de sfeer is slecht. Kan buurtbemiddeling hier iets"
        " betekenen bij die geluidsoverlast?",
    ),
    _planted(
        "anders",
        "Hoe betaalt een gezin met weinig geld de contributie van de sportclub?",
        "Het Jeugdfonds Sport betaalt contributie en kleding; de aanvraag gaat via een"
        " intermediair, zoals de schoolmaatschappelijk werker of het wijkteam.",
        "contributie sportclub",
        "Een jongen van twaalf in de straat wil heel graag op voetbal, maar zijn moeder heeft"
        " geen geld voor de contributie en de schoenen. Kan het Jeugdfonds Sport hier helpen?",
    ),
    _planted(
        "anders",
        "Is er gratis bijles of huiswerkbegeleiding in de wijk?",
        "Ja, in het buurthuis op maandag en woensdag na school, door studenten van de"
        " hogeschool. Ouders melden hun kind aan bij het jongerenwerk.",
        "gratis bijles",
        "Een moeder vertelde dat haar dochter op de middelbare school achterloopt en hulp zoekt"
        " bij het huiswerk. Ze kunnen geen bijles betalen. Is er gratis huiswerkbegeleiding in"
        " de buurt?",
    ),
)
