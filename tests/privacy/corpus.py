"""Labelled texts for the privacy guard, written the way volunteers type in a chat.

Each sample lists the kinds of identifying data it holds (none: a clean text). Typos, missing
capitals and run-on sentences are deliberate. The clean texts are the hard ones: appointments and
deadlines with dates, ages, organisations, places, holidays, staff the organisation knows, and
"mevrouw"/"meneer" followed by anything but a name. Used by tests/privacy/test_corpus.py (the
thresholds) and benchmarks/privacy_guard_bench.py (the guard beside DEDUCE).

The BSNs pass the 11-check and the IBANs their check digits, like real ones; all are made up.
"""

from __future__ import annotations

from dataclasses import dataclass

NAME = "name"
BIRTHDATE = "birthdate"
BSN = "bsn"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"
IBAN = "iban"
KINDS = (NAME, BIRTHDATE, BSN, PHONE, EMAIL, ADDRESS, IBAN)

# The staff (professionals and coordinators) registered in the bot these texts were written
# for: a volunteer who mentions one by full name names no resident. A first name alone ("Pieter")
# exempts nobody, and volunteers' names exempt nobody: a volunteer can be a resident too.
KNOWN_STAFF = ("Carla Mulder", "Pieter", "Samira Bouzid", "Jeroen van Dam")
KNOWN_VOLUNTEERS = ("Vera", "Fatma", "Henk", "Anouk Visser")


@dataclass(frozen=True)
class Sample:
    text: str
    kinds: frozenset[str]
    language: str = "nl"


def s(text: str, *kinds: str) -> Sample:
    return Sample(text, frozenset(kinds))


def en(text: str, *kinds: str) -> Sample:
    return Sample(text, frozenset(kinds), "en")


NAMES = (
    # An honorific and a surname.
    s("mevrouw jansen op de hoek komt al weken de deur niet uit", NAME),
    s("Mevrouw Jansen op de hoek heeft hulp nodig met de boodschappen.", NAME),
    s("meneer de vries zit veel alleen, zijn vrouw is vorig jaar overleden", NAME),
    s("Meneer De Vries belde me gisteren huilend op", NAME),
    s("mevr. bakker kan de trap niet meer op", NAME),
    s("mw el amrani vraagt of iemand kan helpen met de brieven van de gemeente", NAME),
    s("dhr. van den Berg heeft een achterstand met de huur", NAME),
    s("dhr yilmaz heeft geen verwarming meer sinds vorige week", NAME),
    s("fam. El Amrani heeft 5 kinderen en een kleine flat", NAME),
    s("de fam ozturk zou graag naar de voedselbank willen", NAME),
    s("familie Kowalski uit polen spreekt nog weinig nederlands", NAME),
    s("de familie van der meer heeft ruzie met de buren", NAME),
    s("mevrouw Bakker-Smit heeft haar heup gebroken", NAME),
    s("meneer hoekstra-de jong loopt verward op straat", NAME),
    s("mnr. Visser is erg vergeetachtig geworden", NAME),
    s("ik was bij mevr de graaf, ze had niks meer in huis", NAME),
    s("de heer Pinas uit de flat wil graag een maatje", NAME),
    s("de heer mohan vraagt hulp bij zijn belastingaangifte", NAME),
    s("mevrouw Martina zegt dat haar uitkering is gestopt", NAME),
    s("mevrouw benali huilt veel sinds haar man weg is", NAME),
    s("meneer ait hamou heeft schulden bij de energieleverancier", NAME),
    s("mevr. Nowak werkt in de kassen en heeft rugklachten", NAME),
    s("Meneer Al Hussein is net in de wijk komen wonen met zijn gezin", NAME),
    s("mw. ramdin is gevallen in de badkamer", NAME),
    s("meneer kok van nummer 7 hoort slecht en doet niet open", NAME),
    s("ik heb mevrouw smit gesproken, ze voelt zich eenzaam", NAME),
    s("vanmiddag koffie gedronken met mevrouw Demir, ze maakt zich zorgen om haar zoon", NAME),
    s("mevrouw Doğan heeft hulp nodig bij het invullen van formulieren", NAME),
    s("de buurvrouw zegt dat meneer Groen al dagen niet buiten is geweest", NAME),
    s("mevrouw van Leeuwen wil graag mee met de dagjes uit", NAME),
    s("mevrouw o'neill uit de portiekflat heeft geen eten meer", NAME),
    s("Meneer en mevrouw Hendriks hebben geen internet en snappen de brief niet", NAME),
    s("bij mevr. Ter Horst lekt het dak al maanden", NAME),
    s("meneer Kaya was erg boos op de woningbouw", NAME),
    s("mevr. Chaouch vraagt of er een cursus nederlands is", NAME),
    s("mevrouw  wiśniewska heeft een kindje van 2 maanden en geen kinderwagen", NAME),
    s("meneer alkhatib heeft papieren nodig voor zijn familie in syrie", NAME),
    s("mevrouw Hassan kreeg een brief van de deurwaarder", NAME),
    s("mevrouw pengel is heel eenzaam sinds haar kinderen zijn verhuisd", NAME),
    s("meneer Rosaria wil graag vrijwilligerswerk doen", NAME),
    # A first name and a surname.
    s("Henk Bakker uit de flat heeft weer gedronken", NAME),
    s("henk bakker uit de flat heeft weer gedronken en lag op de galerij", NAME),
    s("ik sprak truus de wit bij de bushalte ze was de weg kwijt", NAME),
    s("Mohamed El Idrissi heeft geen geld meer voor eten", NAME),
    s("fatima azzouzi en haar kinderen slapen bij een tante", NAME),
    s("Ayşe Yıldız vraagt hulp met haar huurtoeslag", NAME),
    s("mehmet kaya heeft zijn baan verloren", NAME),
    s("Piotr Nowak woont met 6 man in een huis, dat lijkt me niet goed", NAME),
    s("katarzyna lewandowska heeft geen zorgverzekering", NAME),
    s("Khaled Al Ahmad en zijn vrouw hebben nog geen huisarts", NAME),
    s("rania haddad wil graag taalles", NAME),
    s("Ramesh Ramdin heeft een rolstoel nodig", NAME),
    s("soenita ramlal heeft hulp nodig bij de thuiszorg aanvraag", NAME),
    s("jurgen martina uit de buurt heeft een verslaving", NAME),
    s("Xiomara Rosaria zit met haar kinderen in de schuldhulp", NAME),
    s("kees van dijk kan niet meer koken sinds zijn beroerte", NAME),
    s("Gerrit Jan Hofstede is dement en loopt 's nachts buiten", NAME),
    s("ik heb annie van der linden geholpen met de boodschappen", NAME),
    s("riet smit vroeg of we haar kunnen helpen", NAME),
    s("Wim de Boer (85) woont alleen en krijgt geen bezoek", NAME),
    s("sandra pinas heeft 3 banen en ziet haar kinderen weinig", NAME),
    s("ik zag youssef benali weer bij de supermarkt slapen", NAME),
    s("Marek Kowalczyk vraagt waar hij werk kan vinden", NAME),
    s("hatice ozdemir heeft pijn en durft niet naar de dokter", NAME),
    # A kinship word and a first name.
    s("haar zoon Mohamed komt bijna nooit langs", NAME),
    s("haar zoon mohamed komt bijna nooit langs", NAME),
    s("zijn dochter Esra belt elke dag", NAME),
    s("zijn dochter esra is de enige die nog helpt", NAME),
    s("haar man Henk is vorig jaar overleden", NAME),
    s("mevrouw heeft een kleinzoon, kevin, die soms boodschappen doet", NAME),
    s("de broer van meneer, ahmed, woont in marokko", NAME),
    s("haar dochter Agnieszka vertaalt voor haar", NAME),
    s("zijn vrouw fatima spreekt geen nederlands", NAME),
    s("de kleindochter priya helpt met de computer", NAME),
    s("haar zus Truus komt 1x per maand", NAME),
    s("zijn neef omar heeft de post meegenomen", NAME),
    s("haar schoonzoon Ricardo is niet aardig tegen haar", NAME),
    s("haar vriendin Annie is ook eenzaam", NAME),
    s("buurvrouw riet let een beetje op haar", NAME),
    # English.
    en("mrs jansen on the corner hasn't left her house in weeks", NAME),
    en("Mr. de Vries asked for help with his bills", NAME),
    en("her son Mohamed rarely visits", NAME),
    en("his daughter esra calls every day", NAME),
    en("I spoke with Piotr Nowak, he has no health insurance", NAME),
    en("the el amrani family has five kids in a small flat", NAME),
    en("Ms. Yilmaz fell in the bathroom last night", NAME),
)

BIRTHDATES = (
    s("mevrouw is geboren 12-03-1948 en woont alleen", BIRTHDATE),
    s("geboren 12-3-1948, woont al 40 jaar in de wijk", BIRTHDATE),
    s("ze is geb. 03-05-1941", BIRTHDATE),
    s("meneer (geb 1-1-1950) heeft niemand meer", BIRTHDATE),
    s("geboortedatum 14 februari 1939, weduwe", BIRTHDATE),
    s("zijn geboortedatum is 7/7/1952 volgens de brief", BIRTHDATE),
    s("ze is geboren op 7 juli 1944 in paramaribo", BIRTHDATE),
    s("mevrouw van 12-03-1938 heeft geen familie meer", BIRTHDATE),
    s("een dame van 2 april 1935, heel helder nog", BIRTHDATE),
    s("geboren op 23 dec 1946", BIRTHDATE),
    s("geb.datum 30-09-1955", BIRTHDATE),
    s("geboren 12.03.1948", BIRTHDATE),
    s("hij is geboren in 1938 en is nog heel zelfstandig", BIRTHDATE),
    s("geboortedatum: 01-11-49", BIRTHDATE),
    s("gebore 5 mei 1945 op bevrijdingsdag zegt ze trots", BIRTHDATE),
    s("geboren 19 maart 1960 in ankara", BIRTHDATE),
    s("zijn geb datum weet ik: 4-6-1958", BIRTHDATE),
    s("ze is jarig op 12 maart, dan wordt ze 90", BIRTHDATE),
    s("geboren 1948-03-12 staat op haar pasje", BIRTHDATE),
    s("mevrouw is van 1941 en loopt nog elke dag", BIRTHDATE),
    s("hij is 3 februari 1951 geboren", BIRTHDATE),
    s("geboren op 9 okt. '47", BIRTHDATE),
    s("meneer is in 1949 geboren in suriname", BIRTHDATE),
    s("geb. 15 augustus 1942, woont in een aanleunwoning", BIRTHDATE),
    s("geboren: 29/02/1944", BIRTHDATE),
    s("haar geboortedatum is 1 januari 1930, ze is de oudste van de straat", BIRTHDATE),
    s("mevrouw jansen, geboren 12-03-1948, woont alleen", NAME, BIRTHDATE),
    s("meneer kaya (geb. 1-7-1956) heeft diabetes", NAME, BIRTHDATE),
    en("born 12 March 1948, lives alone", BIRTHDATE),
    en("her date of birth is 03/04/1952", BIRTHDATE),
    en("dob 12-3-1949, widow", BIRTHDATE),
    en("he was born on 5 May 1945", BIRTHDATE),
    en("she was born in 1937 and still walks every day", BIRTHDATE),
    en("Mrs Jansen, born 2 april 1940, needs help with groceries", NAME, BIRTHDATE),
)

BSNS = (
    s("haar bsn is 645290415 dat stond op de brief", BSN),
    s("bsn 759 233 275", BSN),
    s("bsn: 4257.74.624", BSN),
    s("burgerservicenummer 678-417-751", BSN),
    s("zijn bsn is 798.008.398 zei de zoon", BSN),
    s("BSN 7345 37 864", BSN),
    s("bsn 10 49 32 521", BSN),
    s("bsn-nummer 410 35 42 84", BSN),
    s("sofinummer 215752697 nog van vroeger", BSN),
    s("bsn nr. 7758-72-064", BSN),
    s("het burgerservicenummer van meneer is 457 111 100", BSN),
    s("bsn:540288822", BSN),
    s("ze gaf haar bsn 36 45 57 047 aan de buurvrouw", BSN),
    s("bsn 622-72-2529", BSN),
    s("bsn 746 41 24 35, zie brief", BSN),
    s("haar BSN-nummer: 110 281 330", BSN),
    s("burger service nummer 4181 76 292", BSN),
    s("bsn is 360 933 142 volgens de gemeente", BSN),
    s("bsn 58 66 28 496", BSN),
    s("zijn sofi nummer is 211-497-010", BSN),
    s("bsn 2170 886 12", BSN),
    s("het bsn is 415 0738 07 staat op de pas", BSN),
    en("her citizen service number (bsn) is 288 370 168", BSN),
    en("bsn: 495.980.274", BSN),
    s("meneer de vries bsn 241281362 wil dat we dit regelen", NAME, BSN),
)

PHONES = (
    s("haar nummer is 06-12345678", PHONE),
    s("bel haar op 06 12 34 56 78", PHONE),
    s("zijn nummer +31 (0)6 12345678", PHONE),
    s("dochter bereikbaar op 0031 6 1234 5678", PHONE),
    s("nummer: +31 6-123 456 78", PHONE),
    s("06 - 123 45 678 is het nummer van de zoon", PHONE),
    s("je kan hem bellen (06) 12345678", PHONE),
    s("vast nummer 030 - 123 45 67", PHONE),
    s("ze heeft een vaste lijn 0031(0)30-1234567", PHONE),
    s("mobiel +316 12345678", PHONE),
    s("tel 06/12345678", PHONE),
    s("tel. 0612 345 678", PHONE),
    s("haar nr is 0612345678 maar ze neemt niet op", PHONE),
    s("+31 (0) 6 - 12 34 56 78 is van haar dochter", PHONE),
    s("zijn whatsapp is +32 470 12 34 56 hij zit nu in belgie", PHONE),
    s("bel 0031-6-12345678", PHONE),
    s("de zoon heeft nummer 06-1234 5678", PHONE),
    s("nummer van de buurvrouw 06 123 456 78", PHONE),
    s("030-2345678 is haar huistelefoon", PHONE),
    s("haar nummer is 06–12345678", PHONE),
    s("telnr 020 - 612 34 56", PHONE),
    s("bel mevrouw bakker op 06 12 34 56 78", NAME, PHONE),
    en("her number is +31 6 1234 5678", PHONE),
    en("call her son on 06-87654321", PHONE),
    en("phone: 0031 (0)6 87 65 43 21", PHONE),
)

EMAILS = (
    s("haar mail is j.jansen@gmail.com", EMAIL),
    s("mail van de zoon: mo.elamrani@hotmail.nl", EMAIL),
    s("jan punt devries at gmail punt com", EMAIL),
    s("zijn mail is jan.devries [at] gmail.com", EMAIL),
    s("mail: jandevries(at)hotmail(dot)com", EMAIL),
    s("mohamed apenstaartje hotmail punt nl", EMAIL),
    s("mail henk @ ziggo . nl", EMAIL),
    s("e-mail j punt bakker at kpnmail punt nl", EMAIL),
    s("haar mailadres is truus1948 at hotmail dot com", EMAIL),
    s("stuur het naar esra.kaya@outlook.com", EMAIL),
    s("zijn email: p.nowak (at) wp.pl", EMAIL),
    s("mailen kan naar fatima punt azzouzi apenstaartje gmail punt com", EMAIL),
    s("haar mail is oma_riet@live.nl maar ze leest het nooit", EMAIL),
    s("de dochter mailt via sandra.pinas at gmail.com", EMAIL),
    s("mail: ahmad.haddad AT yahoo DOT com", EMAIL),
    s("stuur maar naar kees@planet.nl", EMAIL),
    s("haar e-mailadres is ayse [at] ziggo [dot] nl", EMAIL),
    s("e-mail: ricardo.ramdin @ gmail.com", EMAIL),
    en("her email is j.jansen at gmail dot com", EMAIL),
    en("email him at p.nowak@wp.pl", EMAIL),
)

ADDRESSES = (
    s("ze woont op de kerkstraat 12", ADDRESS),
    s("mevrouw woont aan de Neude 3", ADDRESS),
    s("woont op vredenburg 40 boven de winkel", ADDRESS),
    s("adres: oudegracht 123", ADDRESS),
    s("hij woont Biltstraat 12 driehoog", ADDRESS),
    s("de flat aan de gagelweg 18, 3e etage", ADDRESS),
    s("postcode 3563 ab", ADDRESS),
    s("ze woont in de vleutenseweg 12", ADDRESS),
    s("woont in de Amsterdamsestraatweg 455 bis", ADDRESS),
    s("Kanaalstraat 3 2e etage, bel werkt niet", ADDRESS),
    s("adres is zamenhofdreef 45", ADDRESS),
    s("ze woont aan de Mariaplaats 5", ADDRESS),
    s("Neude op nummer 3, de deur is groen", ADDRESS),
    s("hij woont op de Zonnebloemstraat 7a", ADDRESS),
    s("woont aan de wittevrouwensingel 80 driehoog", ADDRESS),
    s("adres Lucas Bolwerk 6", ADDRESS),
    s("woont op Hoog Catharijne 12? nee op de Catharijnesingel 12", ADDRESS),
    s("het adres is Twijnstraat 28 bis", ADDRESS),
    s("ze woont op de Gageldijk 140 2 hoog", ADDRESS),
    s("woont in de nicolaasdwarsstraat 4, 1e etage", ADDRESS),
    s("mevrouw woont aan het janskerkhof 3", ADDRESS),
    s("zijn adres is ganzenmarkt 8 en postcode 3512 gd", ADDRESS),
    s("woont op de Nobelstraat 14 boven", ADDRESS),
    s("adres: Trumanlaan 12 3527 bg utrecht", ADDRESS),
    s("Vredenburg 40 tweehoog achter", ADDRESS),
    s("ze woont op Drift 21", ADDRESS),
    s("mevrouw de graaf woont op de kerkstraat 12", NAME, ADDRESS),
    s("henk bakker, woont aan de Neude 3 driehoog", NAME, ADDRESS),
    en("she lives at Kerkstraat 12, third floor", ADDRESS),
    en("his address is Neude 3", ADDRESS),
    en("address: oudegracht 123 bis", ADDRESS),
)

IBANS = (
    s("de huur gaat van NL91ABNA0417164300", IBAN),
    s("rekening nl91 abna 0417 1643 00 van haar zoon", IBAN),
    s("zijn rekeningnummer is NL91 ABNA 0417 1643 00", IBAN),
    s("iban nl91abna0417164300", IBAN),
    s("het geld staat op NL91ABNA0417164300 zegt hij", IBAN),
    s("polski rekening PL61 1090 1014 0000 0712 1981 2874", IBAN),
    s("belgische rekening BE71 0961 2345 6769", IBAN),
    s("de zoon gaf DE89 3704 0044 0532 0130 00 op", IBAN),
    s("overmaken naar NL91 ABNA 0417164300 graag", IBAN),
    en("his bank account is NL91ABNA0417164300", IBAN),
)

# Texts naming people registered in the bot (KNOWN_STAFF, KNOWN_VOLUNTEERS): staff by full
# name or by first name alone are left alone; a resident who shares a first name with someone
# registered, and a volunteer's full name, are names all the same.
STAFF_MENTIONED = (
    s("ik heb het met pieter van het wijkteam besproken"),
    s("Pieter komt morgen langs bij mevrouw"),
    s("samira bouzid van het sociaal loket helpt met de formulieren"),
    s("heb het met carla mulder overlegd, zij belt de huisarts"),
    s("Jeroen van Dam neemt contact op met de woningbouw"),
    s("vera en ik zijn samen langs geweest"),
    s("fatma van het buurthuis heeft het ook gezien"),
    s("Carla zegt dat het een signaal is voor de wijkverpleging"),
    s("ik heb Samira Bouzid gevraagd of ze mee kan naar de afspraak"),
    s("jeroen van dam en pieter komen donderdag samen langs"),
    en("I talked it over with Carla Mulder from the office"),
    en("Pieter said he would call her back tomorrow"),
)
NAMES_LIKE_REGISTERED = (
    s("Henk Bakker uit de flat komt al weken de deur niet uit", NAME),
    s("henk de boer op de hoek heeft geen eten meer in huis", NAME),
    s("pieter jansen zit de hele dag alleen achter het raam", NAME),
    s("Pieter Smit van hiernaast is gevallen", NAME),
    s("vera de groot belt steeds de politie over de buren", NAME),
    s("Fatma Yilmaz van de derde verdieping heeft schulden", NAME),
    s("anouk visser heeft zelf ook hulp nodig met haar post", NAME),
    s("carla jansen uit de flat kan de trap niet meer op", NAME),
    en("Henk Bakker from the flat has not been out for weeks", NAME),
    en("Samira Jansen next door has no heating", NAME),
)
REGISTERED = STAFF_MENTIONED + NAMES_LIKE_REGISTERED

CLEAN = (
    # Honorifics and kinship words without a name.
    s("mevrouw op de hoek komt al weken de deur niet uit"),
    s("meneer is erg ziek en heeft hulp nodig"),
    s("mevrouw zegt dat ze geen geld meer heeft voor eten"),
    s("meneer van hiernaast maakt zich zorgen om haar"),
    s("de mevrouw van 3 hoog heeft een nieuwe heup"),
    s("meneer uit de flat loopt verward rond"),
    s("mevrouw van de overkant huilt vaak"),
    s("meneer van 84 woont alleen en kookt niet meer"),
    s("mevrouw is 92 en nog heel helder"),
    s("meneer heeft een rollator maar de lift is kapot"),
    s("mevrouw durft niet meer alleen naar buiten"),
    s("de familie is boos op de woningbouw"),
    s("familie uit syrie net aangekomen, 4 kinderen"),
    s("haar zoon komt bijna nooit langs"),
    s("zijn dochter belt niet meer terug"),
    s("haar man is vorig jaar overleden en ze is erg eenzaam"),
    s("de kleinzoon doet de boodschappen maar hij heeft zelf weinig tijd"),
    s("haar zus woont in marokko en kan niet helpen"),
    s("de buurman van mevrouw maakt veel lawaai"),
    s("mevrouw heeft een zoon en een dochter maar die wonen ver weg"),
    s("meneer klaagt over vocht in de slaapkamer"),
    s("meneer en mevrouw hebben ruzie, je hoort het door de muur"),
    s("mevrouw vertelde dat ze al 3 dagen niets gegeten had"),
    s("mevr. zit veel alleen en heeft behoefte aan een maatje"),
    s("dhr. wil graag hulp bij het invullen van de aangifte"),
    s("de heer van de woningbouw is langs geweest"),
    s("mw. is gevallen maar heeft niks gebroken"),
    s("meneer belde en was erg in de war"),
    s("mevrouw de buurvrouw heeft de sleutel"),
    s("meneer zelf wil geen hulp, zijn vrouw wel"),
    # Staff and volunteers the organisation knows.
    *STAFF_MENTIONED,
    # Organisations, places, shops.
    s("mevrouw wil naar de voedselbank maar weet niet hoe"),
    s("kan iemand van het Sociaal Loket haar bellen?"),
    s("het Buurtteam Overvecht is al betrokken"),
    s("ze gaat elke week naar de Albert Heijn op het plein"),
    s("meneer haalt zijn eten bij het Leger des Heils"),
    s("Humanitas heeft een maatjesproject, misschien iets voor hem"),
    s("Vluchtelingenwerk helpt de familie met de papieren"),
    s("ze was in het Antonius ziekenhuis voor haar hart"),
    s("de GGD is al langs geweest voor de ongedierte"),
    s("meneer komt uit Turkije en spreekt weinig nederlands"),
    s("ze komen uit Polen en werken in het westland"),
    s("mevrouw is in Suriname geboren en woont al 40 jaar in Zuilen"),
    s("de familie komt uit Curaçao, de kinderen gaan naar school in Kanaleneiland"),
    s("hij woont in Overvecht in een portiekflat"),
    s("ze woont in Nieuwegein maar komt naar ons buurthuis"),
    s("bij de Jumbo stond ze te huilen bij de kassa"),
    s("de Kringloop heeft een bank voor haar"),
    s("ze gaat naar de moskee aan de Vleutenseweg"),
    s("hij zit elke dag in het Julianapark op een bankje"),
    s("Stichting Present kan misschien helpen met schilderen"),
    s("De Tussenvoorziening heeft geen plek meer"),
    s("Veilig Thuis gebeld op 0800-2000"),
    s("Buurtzorg komt 2x per dag"),
    s("Maxima Medisch Centrum heeft hem naar huis gestuurd"),
    # Dates that are appointments, deadlines or events; ages and years.
    s("op 12 december is de kerstlunch in het buurthuis"),
    s("het formulier moet voor 1 maart binnen zijn"),
    s("afspraak bij de huisarts op 14-02-2025 om 10:30"),
    s("de brief van 12-03-2024 heeft ze niet begrepen"),
    s("ze is hier in 1998 komen wonen"),
    s("sinds 2019 gaat het slechter met hem"),
    s("vanaf 1 januari 2025 krijgt ze minder toeslag"),
    s("de zitting bij de rechter is op 3 april"),
    s("meneer is 78 jaar en woont hier sinds 1975"),
    s("de deurwaarder komt op maandag 6 januari"),
    s("Suikerfeest is volgende week, ze heeft geen geld voor cadeautjes"),
    s("met Kerst is ze altijd alleen"),
    s("Koningsdag wil hij graag naar de vrijmarkt"),
    s("Sinterklaas voor de kinderen kan dit jaar niet"),
    s("in de Ramadan eet hij pas 's avonds"),
    s("Keti Koti vieren ze met de hele familie"),
    s("met Divali steekt ze lichtjes aan"),
    s("ze gaat met Pasen naar haar dochter"),
    s("Op Dinsdag is er inloop in het buurthuis"),
    s("in Mei gaat ze naar Polen"),
    s("in augustus is de huur weer omhoog gegaan"),
    s("de kerstmarkt op 20 dec was gezellig, ze was er ook"),
    s("hij heeft sinds maart 2023 geen inkomen"),
    s("de energietoeslag van 2022 moet ze terugbetalen"),
    s("mevrouw van in de 80 heeft niemand meer"),
    s("ze is 1 van de 12 mensen die bij de inloop kwamen"),
    # Numbers that are no identifying data.
    s("ze heeft € 1.234,56 schuld bij de zorgverzekeraar"),
    s("de huur is 650,- per maand"),
    s("lijn 12 stopt niet meer bij haar flat"),
    s("het dossiernummer van de gemeente is 123456789"),
    s("ze moet 3x per dag medicijnen en vergeet het"),
    s("hij woont op 4 hoog zonder lift"),
    s("er wonen 8 mensen in een huis van 60 m2"),
    s("bel de wijkagent via 0900-8844"),
    s("meneer heeft 3 weken niet gedoucht"),
    s("ze zit al 2 jaar op de wachtlijst"),
    s("huisnummer weet ik niet, het is de flat naast de school"),
    s("de bus van 17.45 rijdt niet meer"),
    s("ze loopt elke dag 10.000 stappen"),
    # Ordinary worried texts.
    s("het gaat niet goed met haar ze komt de deur niet uit en eet slecht"),
    s("buren maken zich zorgen de gordijnen zijn al dagen dicht"),
    s("er ligt veel post achter de deur en ze doet niet open"),
    s("hij drinkt veel en is vaak agressief tegen de buren"),
    s("de kinderen lopen 's avonds laat nog buiten zonder jas"),
    s("ze heeft geen verwarming meer en het is koud in huis"),
    s("het huis is erg vies en er zijn muizen"),
    s("ik denk dat er iets mis is want de hond blaft de hele dag"),
    en("the lady on the corner hasn't been out in weeks"),
    en("the man on the third floor seems confused"),
    en("her son rarely visits and she is lonely"),
    en("Pieter from the neighbourhood team will call her"),
    en("the Christmas lunch is on 12 December at the community centre"),
    en("she has to hand in the form before 1 March"),
    en("Mrs from number 7 asked about the food bank"),
    en("he is 84 and has lived here since 1975"),
    en("they came from Syria last year with four children"),
)

SAMPLES: tuple[Sample, ...] = (
    NAMES + NAMES_LIKE_REGISTERED + BIRTHDATES + BSNS + PHONES + EMAILS + ADDRESSES + IBANS + CLEAN
)
