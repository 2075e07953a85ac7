"""Dutch and English versions of the demo campaign in cases/demo_data.py.

The same campaign, facts and structure as the French, written for supporters in each
language: Flemish Dutch for the Schrijfmarathon (informal "je"; letters and petitions stay
formal) and English in Amnesty’s Write for Rights voice, naming the campaign "the
letter-writing marathon" as the site’s English strings do. Keys follow demo_data.py: case
slugs, theme slugs, country codes, and the order of IMPACT_FIGURES and SUCCESS_STORIES.
"""

from __future__ import annotations

_TEACHER_GUIDE_NL = """\
### Waarom schrijven met een klas

De Schrijfmarathon toont leerlingen dat een eenvoudig gebaar, herhaald door duizenden mensen,
het lot van iemand kan veranderen: elk jaar worden mensen voor wie we opkomen vrijgelaten,
beschermd of opnieuw berecht. Schrijven is ook leren argumenteren met respect en je verplaatsen
in iemand anders.

**Doelen**: enkele rechten uit de Universele Verklaring van de Rechten van de Mens ontdekken
(vrijheid van meningsuiting, recht op een eerlijk proces, recht om vreedzaam te betogen); de
situatie begrijpen van iemand die in gevaar is; een formele brief en een steunkaart schrijven.

### Een les van 50 minuten

1. **Tien minuten om in het onderwerp te stappen.** Vraag de leerlingen wat een recht is en lees
   samen artikel 19 van de Verklaring: “Een ieder heeft het recht op vrijheid van mening en
   meningsuiting.” Wat gebeurt er als dat recht niet gerespecteerd wordt?
2. **Vijftien minuten lezen.** In groepjes van drie of vier leest elke groep de fiche van één
   persoon (de fiches voor 10- tot 14-jarigen zijn korter). Elke groep vertelt in één minuut:
   wie is het, wat overkomt deze persoon, wat vragen wij?
3. **Twintig minuten schrijven.** Iedereen schrijft de voorbeeldbrief aan de autoriteiten over of
   past hem aan, of schrijft een steunkaart. De jongsten kunnen met twee schrijven en de kaart
   versieren.
4. **Vijf minuten om af te ronden.** Verzamel de brieven en kaarten in de retourenveloppe.
   Vraag de leerlingen hoe ze zich voelden tijdens het schrijven.

### Vragen voor een klasgesprek

- Waarom kan een brief uit België het verschil maken voor iemand die aan de andere kant van de
  wereld gevangenzit?
- Wat maakt een brief overtuigend? Wat zou hem nutteloos kunnen maken?
- Ben je al eens bang geweest om te zeggen wat je denkt? Wat heeft je toen geholpen?

### Schrijftips

- Blijf beleefd en respectvol: de brief wordt gelezen door mensen die beslissingen kunnen nemen.
- Schrijf als het kan met de hand: een handgeschreven brief valt op.
- Vertel op de steunkaarten over jezelf, je school, wat je graag doet: geen beschuldigingen en
  geen politiek, zodat je de persoon niet in gevaar brengt.

### Zorg dragen voor de leerlingen

Sommige verhalen zijn hard. Laat de leerlingen zelf kiezen voor wie ze schrijven, en vertel hen
dat veel mensen voor wie we de vorige jaren opkwamen, vrijgelaten zijn: daar draait de
Schrijfmarathon om.

Na je marathon sturen we je een link om ons te laten weten hoeveel brieven en kaarten je klas
heeft geschreven: die cijfers tellen mee in de resultaten.
"""

_TEACHER_GUIDE_EN = """\
### Why write with a class

The letter-writing marathon shows pupils that a simple act, repeated by thousands of people,
can change someone’s fate: every year, people we campaign for are released, protected or given
a new trial. Writing is also a way to learn to argue respectfully and to put yourself in someone
else’s shoes.

**Objectives**: discover some of the rights in the Universal Declaration of Human Rights
(freedom of expression, the right to a fair trial, the right to protest peacefully); understand
the situation of a person at risk; write a formal letter and a card of support.

### A 50-minute lesson

1. **Ten minutes to get into the subject.** Ask the pupils what a right is, then read Article 19
   of the Declaration together: “Everyone has the right to freedom of opinion and expression.”
   What happens when this right is not respected?
2. **Fifteen minutes of reading.** In groups of three or four, each group reads one person’s
   fact sheet (the sheets for 10–14 year olds are shorter). Each group then has one minute to
   present: who is this person, what is happening to them, what are we asking for?
3. **Twenty minutes of writing.** Everyone copies or adapts the model letter to the authority,
   or writes a card of support. Younger pupils can write in pairs and decorate the card.
4. **Five minutes to wrap up.** Gather the letters and cards in the return envelope. Ask the
   pupils how they felt while they were writing.

### Questions for discussion

- Why might a letter from Belgium matter to someone imprisoned on the other side of the
  world?
- What makes a letter convincing? What could make it useless?
- Have you ever been afraid to say what you think? What helped you?

### Writing tips

- Stay polite and respectful: the letter is read by people who can make decisions.
- Write by hand if you can: a handwritten letter gets noticed.
- On cards of support, write about yourself, your school, the things you enjoy: no accusations
  and no politics, so as not to put the person in danger.

### Looking after pupils

Some of these stories are hard. Let pupils choose who they write for, and remind them that many
of the people we campaigned for in previous years have been released: that is what the marathon
is all about.

After your marathon, we will send you a link to tell us how many letters and cards your class
wrote: your figures will be added to the results.
"""

TRANSLATIONS: dict[str, dict] = {
    "nl": {
        "campaign": {
            "title": "Schrijf, teken en verander levens",
            "intro": (
                "Elk jaar vragen we je om in actie te komen voor tien mensen die gevaar lopen omdat ze "
                "opkomen voor de mensenrechten. Alle afdelingen van Amnesty zetten zich op hetzelfde moment "
                "in: je brieven, je handtekeningen en je bemoedigende woorden vertrekken naar de "
                "autoriteiten en naar de mensen zelf."
            ),
            "teacher_guide": _TEACHER_GUIDE_NL,
        },
        "past_results": {
            2020: "Meer dan 240.000 brieven op papier en online handtekeningen.",
        },
        "impact_figures": [
            ("77%", "vrijlatingen"),
            ("126 mensen", "vrijgelaten van de 164 die gevangenzaten"),
            ("Sinds 2000", "brengt de Schrijfmarathon dingen in beweging"),
        ],
        "themes": {
            "environnement": "Milieu",
            "liberte-expression": "Vrijheid van meningsuiting",
            "droits-des-femmes": "Vrouwenrechten",
            "peuples-autochtones": "Inheemse volken",
            "detention-arbitraire": "Willekeurige detentie",
            "enfants-et-jeunes": "Kinderen en jongeren",
            "lgbti": "Rechten van LGBTI-personen",
            "manifester": "Recht om te betogen",
        },
        "countries": {
            "GT": "Guatemala",
            "ER": "Eritrea",
            "PS": "Palestina",
            "IL": "Israël",
            "NG": "Nigeria",
            "EG": "Egypte",
            "CN": "China",
            "BY": "Belarus",
            "MX": "Mexico",
            "UA": "Oekraïne",
            "TH": "Thailand",
            "SA": "Saudi-Arabië",
            "DZ": "Algerije",
            "BI": "Burundi",
        },
        "cases": {
            "bernardo-caal-xol": {
                "headline": "Opgesloten omdat hij de heilige rivier Cahabón beschermde.",
                "summary": (
                    "Bernardo Caal Xol, leerkracht en vakbondsman van het Maya Q’eqchi-volk, kwam op voor "
                    "gemeenschappen die getroffen worden door een stuwdamproject. Hij zit al bijna twee jaar "
                    "in de gevangenis."
                ),
                "young_summary": (
                    "Bernardo is leraar in Guatemala. Hij hoort bij het Maya Q’eqchi-volk. Een bedrijf "
                    "bouwde dammen in de rivier Cahabón. Die rivier is heilig voor zijn volk. Bernardo "
                    "protesteerde, zonder geweld. Daarom moest hij de gevangenis in. Wij vragen dat hij "
                    "vrijkomt."
                ),
                "story": (
                    "Bernardo Caal Xol is leerkracht, vakbondsman en de stem van de Maya "
                    "Q’eqchi-gemeenschappen in Alta Verapaz, in het noorden van Guatemala. Toen de "
                    "waterkrachtcentrales Oxec I en II de rivier Cahabón begonnen te veranderen, een rivier "
                    "die heilig is voor die gemeenschappen, verzette hij zich daartegen, zonder ooit geweld "
                    "te gebruiken.\n\n"
                    "Vanaf 2015 kozen de inwoners van Santa María Cahabón hem, samen met andere leiders, om "
                    "naar de rechter te stappen over de onregelmatigheden in het project. Het antwoord was "
                    "een lastercampagne in kranten, op televisie, met pamfletten en op sociale media, en "
                    "daarna de gevangenis."
                ),
                "ask": "Vraag Guatemala om Bernardo Caal Xol onmiddellijk en onvoorwaardelijk vrij te laten.",
                "authority": {
                    "name": "President van de Republiek Guatemala",
                    "title": "Staatshoofd",
                    "salutation": "Geachte heer President,",
                },
                "letter": (
                    "Ik schrijf u over Bernardo Caal Xol, leerkracht en verdediger van de rechten van de "
                    "Maya Q’eqchi-gemeenschappen van Santa María Cahabón.\n\n"
                    "Bernardo Caal Xol zit gevangen, enkel omdat hij vreedzaam opkwam voor de rechten van "
                    "deze gemeenschappen tegenover het waterkrachtproject Oxec. Ik vraag u ervoor te zorgen "
                    "dat hij onmiddellijk en onvoorwaardelijk wordt vrijgelaten, en dat er een einde komt "
                    "aan de lastercampagnes tegen wie het land en het water verdedigt."
                ),
                "postcard_message": "Bernardo, we denken aan jou en aan de rivier Cahabón. Hou moed!",
                "petition_demand": (
                    "Geachte heer President van de Republiek Guatemala, wij vragen u Bernardo Caal Xol "
                    "onmiddellijk en onvoorwaardelijk vrij te laten. Hij zit gevangen omdat hij vreedzaam "
                    "opkwam voor de rivier Cahabón en de Maya Q’eqchi-gemeenschappen."
                ),
            },
            "ciham-ali-ahmed": {
                "headline": (
                    "Opgepakt door de autoriteiten, en sindsdien hebben we niets meer van haar gehoord."
                ),
                "summary": (
                    "Ciham was 15 toen ze in 2012 werd opgepakt terwijl ze Eritrea probeerde te verlaten. "
                    "Sindsdien wordt ze in het geheim vastgehouden, zonder proces, en weet haar familie "
                    "niets over haar lot."
                ),
                "young_summary": (
                    "Ciham was 15 jaar toen ze werd opgepakt in Eritrea. Ze probeerde het land te verlaten. "
                    "Dat was in 2012. Sindsdien weet niemand waar ze is. Haar familie hoort niets van haar. "
                    "Ze heeft nooit een proces gehad. Wij willen weten waar ze is, en we vragen dat ze "
                    "vrijkomt."
                ),
                "story": (
                    "Ciham Ali Ahmed heeft de Amerikaanse en de Eritrese nationaliteit. In 2012, toen ze 15 "
                    "was, werd ze opgepakt terwijl ze Eritrea probeerde te verlaten. Ze is nooit berecht, en "
                    "niemand heeft haar ooit verteld waarvan ze beschuldigd wordt.\n\n"
                    "Al meer dan acht jaar weten haar naasten niet waar ze is, of ze ziek is, of ze verzorgd "
                    "wordt, en zelfs niet of ze nog leeft. Iemand vasthouden op een geheime plek is een "
                    "gedwongen verdwijning: een misdaad volgens het internationaal recht."
                ),
                "ask": "Eis nu gerechtigheid voor Ciham Ali Ahmed.",
                "authority": {
                    "name": "President van de Staat Eritrea",
                    "title": "Staatshoofd",
                    "salutation": "Geachte heer President,",
                },
                "letter": (
                    "Ik schrijf u over Ciham Ali Ahmed, die in 2012 op 15-jarige leeftijd werd opgepakt en "
                    "sindsdien vastzit zonder aanklacht of proces.\n\n"
                    "Haar familie heeft al meer dan acht jaar niets van haar gehoord. Ik vraag u onverwijld "
                    "bekend te maken waar ze zich bevindt, haar contact te laten hebben met haar familie, "
                    "een advocaat en een arts, en haar vrij te laten als ze niet wordt aangeklaagd voor een "
                    "strafbaar feit dat door het internationaal recht erkend is."
                ),
                "postcard_message": (
                    "Ciham, de wereld vergeet je niet. Heel veel warme groeten van ons allemaal."
                ),
                "petition_demand": (
                    "Geachte heer President van de Staat Eritrea, wij vragen u bekend te maken waar Ciham "
                    "Ali Ahmed zich bevindt, die sinds 2012 in het geheim en zonder proces wordt "
                    "vastgehouden, haar contact te laten hebben met haar familie en een advocaat, en haar "
                    "vrij te laten."
                ),
            },
            "janna-jihad": {
                "headline": "Bedreigd omdat ze opkomt voor de mensenrechten.",
                "summary": (
                    "Janna Jihad is 15. Ze filmt het leven onder militaire bezetting en vertelt erover. "
                    "Daarvoor krijgt ze doodsbedreigingen en wordt ze geïntimideerd."
                ),
                "young_summary": (
                    "Janna woont in de bezette Palestijnse gebieden. Toen ze 7 was, begon ze te filmen wat "
                    "er rond haar gebeurt. Zo kan de hele wereld het zien. Door haar video’s krijgt ze "
                    "bedreigingen. Wij vragen dat ze beschermd wordt en dat ze mag blijven vertellen wat ze "
                    "ziet."
                ),
                "story": (
                    "Janna Jihad was zeven toen haar oom werd gedood door het Israëlische leger. Ze filmde "
                    "het met de telefoon van haar moeder en toonde de beelden aan de wereld. Sindsdien is ze "
                    "nooit meer gestopt met getuigen over het geweld van de bezetting in de bezette "
                    "Palestijnse gebieden.\n\n"
                    "Op haar dertiende werd ze al een van de jongste journalisten ter wereld genoemd. "
                    "Vandaag, op haar vijftiende, betaalt ze voor die moed met doodsbedreigingen en "
                    "intimidatie."
                ),
                "ask": "Vraag onmiddellijke bescherming voor Janna.",
                "country_label": "bezette Palestijnse gebieden",
                "authority": {
                    "name": "Minister van Defensie van de Staat Israël",
                    "title": "Minister",
                    "salutation": "Geachte heer Minister,",
                },
                "letter": (
                    "Ik schrijf u over Janna Jihad, een meisje van 15 dat mensenrechtenschendingen in de "
                    "bezette Palestijnse gebieden vastlegt.\n\n"
                    "Omwille van haar werk krijgt ze doodsbedreigingen en wordt ze geïntimideerd. Ik vraag u "
                    "haar veiligheid te waarborgen, een einde te maken aan elke vorm van pesterij tegen haar "
                    "en haar recht op vrijheid van meningsuiting te respecteren."
                ),
                "postcard_message": "Janna, je stem telt. Heel veel mensen luisteren naar jou.",
                "petition_demand": (
                    "Geachte heer Minister van Defensie van de Staat Israël, wij vragen u Janna Jihad, een "
                    "jonge journaliste, te beschermen tegen de bedreigingen en de intimidatie waarmee ze te "
                    "maken krijgt, en haar vrij te laten berichten over het leven onder bezetting."
                ),
            },
            "imoleayo-adeyeun-michael": {
                "headline": "Opgepakt en mishandeld omdat hij zijn mening gaf.",
                "summary": (
                    "Imoleayo is een jonge informaticus. Hij steunde de #EndSARS-beweging tegen "
                    "politiegeweld, online en op straat. Nu riskeert hij een gevangenisstraf."
                ),
                "young_summary": (
                    "Imoleayo is een jonge man uit Nigeria die met computers werkt. Er was een grote "
                    "beweging tegen politiegeweld. Hij steunde die, op internet en op straat, zonder geweld. "
                    "Hij werd opgepakt en kan nu de gevangenis in. Wij vragen dat de beschuldigingen tegen "
                    "hem geschrapt worden."
                ),
                "story": (
                    "In oktober 2020 kwamen jongeren in heel Nigeria op straat tegen het geweld, de "
                    "afpersing en de moorden waarvoor een politie-eenheid, de SARS, verantwoordelijk werd "
                    "gehouden. Programmeur Imoleayo Adeyeun Michael verspreidde berichten over de beweging "
                    "met de hashtag #EndSARS en nam deel aan een betoging.\n\n"
                    "Twee weken later vielen zo’n twintig gewapende mannen midden in de nacht zijn huis in "
                    "Abuja binnen. Zijn familie werd in een kamer opgesloten terwijl hij werd meegenomen. "
                    "Sindsdien wordt hij vervolgd."
                ),
                "ask": "Schrijf en vraag dat de aanklachten tegen hem worden ingetrokken.",
                "authority": {
                    "name": "Procureur-generaal van de Federatie Nigeria",
                    "title": "Attorney General",
                    "salutation": "Geachte heer Procureur-generaal,",
                },
                "letter": (
                    "Ik schrijf u over Imoleayo Adeyeun Michael, die in zijn woning in Abuja werd opgepakt "
                    "nadat hij in oktober 2020 vreedzaam had deelgenomen aan de #EndSARS-betogingen.\n\n"
                    "Een mening uiten en vreedzaam betogen zijn geen misdrijven. Ik vraag u alle aanklachten "
                    "tegen hem in te trekken."
                ),
                "postcard_message": "Imoleayo, bedankt voor je moed. We staan aan je zijde.",
                "petition_demand": (
                    "Geachte heer Procureur-generaal van de Federatie Nigeria, wij vragen u alle aanklachten "
                    "in te trekken tegen Imoleayo Adeyeun Michael, die vervolgd wordt omdat hij vreedzaam "
                    "betoogde tegen politiegeweld."
                ),
            },
            "mohamed-baker": {
                "headline": "Willekeurig opgesloten omdat hij de mensenrechten verdedigde.",
                "summary": (
                    "Mohamed Baker, advocaat van de armsten, werd opgepakt toen hij een cliënt kwam "
                    "verdedigen. Hij zit vast in erg zware omstandigheden."
                ),
                "young_summary": (
                    "Mohamed is advocaat in Egypte. Hij helpt mensen die geen geld hebben om zich te "
                    "verdedigen. Op een dag ging hij een klant verdedigen bij het gerecht… en toen werd hij "
                    "zelf opgepakt. Wij vragen dat hij vrijkomt."
                ),
                "story": (
                    "Mohamed Baker heeft zijn leven als advocaat gewijd aan de verdediging van de "
                    "kwetsbaarste mensen in Egypte. In september 2019 ging hij naar het parket voor de "
                    "staatsveiligheid om zijn vriend Alaa Abdel Fattah bij te staan, een activist die was "
                    "opgepakt. Toen werd hij zelf aangehouden.\n\n"
                    "In de gevangenis heeft hij geen warm water en geen matras, en hij mag zelfs geen foto’s "
                    "van zijn naasten bij zich hebben."
                ),
                "ask": "Eis de vrijlating van Mohamed Baker.",
                "authority": {
                    "name": "President van de Arabische Republiek Egypte",
                    "title": "Staatshoofd",
                    "salutation": "Geachte heer President,",
                },
                "letter": (
                    "Ik schrijf u over Mohamed Baker, advocaat gespecialiseerd in de verdediging van de "
                    "mensenrechten, die sinds september 2019 vastzit. Hij werd aangehouden toen hij een "
                    "cliënt kwam bijstaan.\n\n"
                    "Hij zit enkel vast omwille van zijn werk als advocaat. Ik vraag u hem onmiddellijk en "
                    "onvoorwaardelijk vrij te laten en hem in afwachting daarvan menswaardige "
                    "detentieomstandigheden en contact met zijn familie te garanderen."
                ),
                "postcard_message": "Mohamed, je inzet inspireert ons. Warme groeten.",
                "petition_demand": (
                    "Geachte heer President van de Arabische Republiek Egypte, wij vragen u advocaat Mohamed "
                    "Baker onmiddellijk en onvoorwaardelijk vrij te laten. Hij zit vast omwille van zijn "
                    "werk voor de mensenrechten."
                ),
            },
            "zhang-zhan": {
                "headline": "Ontvoerd en opgesloten omdat ze wilde berichten over covid-19.",
                "summary": (
                    "Zhang Zhan, een voormalige advocate die burgerjournaliste werd, trok aan het begin van "
                    "de epidemie naar Wuhan om te vertellen wat ze zag. Ze werd opgesloten."
                ),
                "young_summary": (
                    "Zhang Zhan ging naar Wuhan in China, helemaal aan het begin van covid-19. Ze filmde wat "
                    "ze zag en vertelde erover, zodat iedereen het zou weten. Daarom werd ze opgesloten. "
                    "Haar gezondheid is in gevaar. Wij vragen dat ze vrijkomt."
                ),
                "story": (
                    "In februari 2020 trok Zhang Zhan naar Wuhan, het hart van de epidemie die toen net "
                    "begon. Op sociale media berichtte ze over de arrestatie van onafhankelijke journalisten "
                    "en over de intimidatie van families van zieken.\n\n"
                    "Burgerjournalisten waren de enige onafhankelijke bron van informatie uit de eerste hand "
                    "over de epidemie in China. Velen van hen werden daarvoor lastiggevallen; Zhang Zhan "
                    "werd ontvoerd en daarna opgesloten."
                ),
                "ask": "Kom in actie en vraag haar vrijlating.",
                "authority": {
                    "name": "President van de Volksrepubliek China",
                    "title": "Staatshoofd",
                    "salutation": "Geachte heer President,",
                },
                "letter": (
                    "Ik schrijf u over Zhang Zhan, voormalig advocate en burgerjournaliste, die gevangenzit "
                    "omdat ze berichtte over de covid-19-epidemie in Wuhan.\n\n"
                    "Informeren is geen misdaad. Ik vraag u Zhang Zhan onmiddellijk en onvoorwaardelijk vrij "
                    "te laten en ervoor te zorgen dat ze de zorg krijgt die ze nodig heeft."
                ),
                "postcard_message": "Zhang Zhan, bedankt dat je de waarheid vertelde. We denken aan je.",
                "petition_demand": (
                    "Geachte heer President van de Volksrepubliek China, wij vragen u Zhang Zhan "
                    "onmiddellijk en onvoorwaardelijk vrij te laten. Ze werd opgesloten omdat ze berichtte "
                    "over de covid-19-epidemie in Wuhan. Wij vragen u ook haar de zorg te garanderen die ze "
                    "nodig heeft."
                ),
            },
            "mikita-zalatarou": {
                "headline": "Op zijn zestiende opgepakt, en een eerlijk proces wordt hem geweigerd.",
                "summary": (
                    "Mikita hield van rap en videogames. De dag na een betoging werd hij opgepakt, geslagen "
                    "en zonder advocaat ondervraagd. Hij kreeg vijf jaar cel."
                ),
                "young_summary": (
                    "Mikita hield van rap en videogames. Hij woont in Belarus. Toen hij 16 was, werd hij "
                    "opgepakt na een betoging. Hij werd geslagen en ondervraagd zonder advocaat. Hij kreeg "
                    "vijf jaar gevangenisstraf. Wij vragen dat hij vrijkomt."
                ),
                "story": (
                    "In augustus 2020 stond Mikita op een vriend te wachten op het centrale plein van Homel, "
                    "in Belarus, niet ver van een betoging tegen de uitslag van de presidentsverkiezingen. "
                    "Toen de politie tussenkwam en de menigte begon te lopen, liep hij mee.\n\n"
                    "De volgende dag kwamen politieagenten hem thuis oppakken. Ze sloegen hem en "
                    "beschuldigden hem ervan een molotovcocktail te hebben gegooid. Hij werd ondervraagd "
                    "zonder advocaat of volwassene aan zijn zijde, zat zes maanden vast en werd veroordeeld "
                    "tot vijf jaar cel."
                ),
                "ask": "Vraag Belarus om Mikita vrij te laten.",
                "authority": {
                    "name": "Procureur-generaal van de Republiek Belarus",
                    "title": "Procureur-generaal",
                    "salutation": "Geachte heer Procureur-generaal,",
                },
                "letter": (
                    "Ik schrijf u over Mikita Zalatarou, die in augustus 2020 in Homel werd opgepakt toen "
                    "hij minderjarig was, en die werd geslagen en ondervraagd zonder advocaat of "
                    "verantwoordelijke volwassene.\n\n"
                    "Hij werd veroordeeld tot vijf jaar cel na een procedure die de waarborgen voor "
                    "minderjarigen niet respecteerde. Ik vraag u hem vrij te laten en een onderzoek in te "
                    "stellen naar de mishandeling die hij heeft ondergaan."
                ),
                "postcard_message": "Mikita, hou vol! Duizenden mensen denken aan je.",
                "petition_demand": (
                    "Geachte heer Procureur-generaal van de Republiek Belarus, wij vragen u Mikita Zalatarou "
                    "vrij te laten, die na een oneerlijk proces veroordeeld werd tot vijf jaar cel voor "
                    "feiten van toen hij 16 was, en een onderzoek in te stellen naar de mishandeling die hij "
                    "heeft ondergaan."
                ),
            },
            "wendy-galarza": {
                "headline": "Aangevallen omdat ze opkomt voor vrouwenrechten.",
                "summary": (
                    "Wendy Galarza werd tijdens een feministische betoging in Cancún door kogels geraakt. Ze "
                    "eist gerechtigheid, maar het onderzoek schiet niet op."
                ),
                "young_summary": (
                    "Wendy woont in Mexico. Tijdens een betoging voor de rechten van vrouwen schoot de "
                    "politie, en Wendy raakte gewond. Ze wil dat de daders voor de rechter komen, maar het "
                    "onderzoek schiet niet op. Wij vragen gerechtigheid voor Wendy."
                ),
                "story": (
                    "Wendy Galarza zorgt voor kinderen en voert actie tegen geweld op vrouwen in Mexico, "
                    "waar zoveel vrouwen vernederd, aangevallen of vermoord worden. Tijdens een betoging in "
                    "Cancún werd ze door kogels geraakt en kwam ze bijna om het leven.\n\n"
                    "Twee dagen later diende ze klacht in tegen de politie. Het duurde maanden voor het "
                    "parket bereid was haar kleren met de kogelgaten te onderzoeken. Het onderzoek zit "
                    "muurvast, maar Wendy blijft samen met haar vereniging gerechtigheid eisen."
                ),
                "ask": "Eis gerechtigheid voor Wendy.",
                "authority": {
                    "name": "Procureur-generaal van de deelstaat Quintana Roo",
                    "title": "Procureur-generaal",
                    "salutation": "Geachte heer Procureur-generaal,",
                },
                "letter": (
                    "Ik schrijf u over Wendy Galarza, die door kogels werd geraakt tijdens een betoging voor "
                    "vrouwenrechten in Cancún.\n\n"
                    "Ik vraag u onverwijld een volledig en onpartijdig onderzoek te voeren naar de schoten, "
                    "de verantwoordelijken voor de rechter te brengen en de veiligheid van Wendy Galarza en "
                    "haar naasten te garanderen."
                ),
                "postcard_message": "Wendy, jouw strijd is ook de onze. Al onze solidariteit.",
                "petition_demand": (
                    "Geachte heer Procureur-generaal van de deelstaat Quintana Roo, wij vragen u een snel en "
                    "onpartijdig onderzoek te voeren naar de schoten waardoor Wendy Galarza gewond raakte "
                    "tijdens een feministische betoging in Cancún, en de verantwoordelijken voor de rechter "
                    "te brengen."
                ),
            },
            "sphere-ukraine": {
                "headline": "Aangevallen omdat ze opkomen voor de rechten van LGBTI-personen.",
                "summary": (
                    "Anna en Vira richtten in Charkiv de ngo Sphere op, een veilige plek voor vrouwen en "
                    "LGBTI-personen. Ze worden aangevallen, en de autoriteiten beschermen hen niet."
                ),
                "young_summary": (
                    "Anna en Vira hebben in Oekraïne een vereniging opgericht. Daar kunnen vrouwen en "
                    "LGBTI-personen zich veilig voelen. Anna en Vira worden vaak aangevallen, en de politie "
                    "beschermt hen niet. Wij vragen dat ze beschermd worden."
                ),
                "story": (
                    "Met de ngo Sphere steunen Anna Charyhina en Vira Tchernyhina vrouwen en LGBTI-personen "
                    "in Charkiv, in een land waar mensen vaak aangevallen worden om wie ze zijn. Ze "
                    "organiseerden de eerste Pride van hun stad en brachten meer dan 3.000 mensen op de "
                    "been.\n\n"
                    "Sindsdien zijn zij en hun collega’s het doelwit van aanvallen, en de politie doet niets "
                    "om hen te beschermen."
                ),
                "ask": "Eis gerechtigheid voor een LGBTI-organisatie in Oekraïne.",
                "authority": {
                    "name": "Hoofd van de Nationale Politie van Oekraïne",
                    "title": "Hoofd van de Nationale Politie",
                    "salutation": "Geachte heer Hoofd van de Politie,",
                },
                "letter": (
                    "Ik schrijf u over de ngo Sphere en haar oprichters, Anna Charyhina en Vira Tchernyhina, "
                    "die in Charkiv opkomen voor de rechten van vrouwen en LGBTI-personen.\n\n"
                    "Zij en hun collega’s werden herhaaldelijk aangevallen. Ik vraag u deze aanvallen te "
                    "onderzoeken, de daders te vervolgen en hen te beschermen tijdens hun publieke "
                    "activiteiten."
                ),
                "postcard_message": (
                    "Anna, Vira, bedankt voor die plekken waar mensen vrij kunnen zijn. We zijn trots op "
                    "jullie."
                ),
                "petition_demand": (
                    "Geachte heer Hoofd van de Nationale Politie van Oekraïne, wij vragen u Anna Charyhina, "
                    "Vira Tchernyhina en de ngo Sphere te beschermen, en de aanvallen te onderzoeken die ze "
                    "te verduren krijgen omdat ze opkomen voor de rechten van LGBTI-personen."
                ),
            },
            "panusaya-sithijirawattanakul": {
                "headline": "Ze riskeert levenslang omdat ze haar mening gaf.",
                "summary": (
                    "Rung, studente en violiste, was vroeger verlegen. Nu is ze een van de stemmen van de "
                    "jongerenbeweging voor democratie in Thailand. Ze riskeert levenslang."
                ),
                "young_summary": (
                    "Rung studeert in Thailand en speelt viool. Ze was verlegen, maar toch nam ze het woord "
                    "om meer democratie te vragen. Voor haar toespraken kan ze levenslang de gevangenis in. "
                    "Wij vragen dat de rechtszaken tegen haar stoppen."
                ),
                "story": (
                    "Als je Rung vraagt zichzelf te beschrijven, zegt ze dat ze “bescheiden en rustig” is. "
                    "Toch nam deze studente, die in haar vrije tijd viool speelt, heel 2020 lang het woord "
                    "op betogingen voor sociale en politieke hervormingen.\n\n"
                    "Ze groeide uit tot een van de stemmen waar het meest naar geluisterd wordt in de "
                    "jongerenbeweging voor democratie in Thailand. Daarvoor riskeert ze nu levenslang."
                ),
                "ask": "Bescherm Rung tegen een gevangenisstraf.",
                "authority": {
                    "name": "Procureur-generaal van het Koninkrijk Thailand",
                    "title": "Procureur-generaal",
                    "salutation": "Geachte heer Procureur-generaal,",
                },
                "letter": (
                    "Ik schrijf u over Panusaya Sithijirawattanakul, een studente die vervolgd wordt omdat "
                    "ze in 2020 het woord nam op vreedzame betogingen.\n\n"
                    "Vreedzaam een mening uiten is een recht. Ik vraag u alle vervolgingen die om die reden "
                    "tegen haar zijn ingesteld, te laten vallen."
                ),
                "postcard_message": "Rung, je muziek en je stem dragen ver. We staan achter je.",
                "petition_demand": (
                    "Geachte heer Procureur-generaal van het Koninkrijk Thailand, wij vragen u alle "
                    "rechtszaken te laten vallen tegen Panusaya “Rung” Sithijirawattanakul, die vervolgd "
                    "wordt omdat ze vreedzaam haar mening uitte."
                ),
            },
        },
        "success_stories": [
            {
                "title": "Vrouwenrechtenactiviste vrijgelaten in Saudi-Arabië",
                "body": (
                    "Nassima al-Sada werd in 2018 opgepakt omdat ze vreedzaam opkwam voor de rechten van "
                    "vrouwen. Cipiers sloegen haar en ze mocht geen bezoek krijgen, zelfs niet van haar "
                    "advocaat. Mensen over de hele wereld stuurden haar 777.611 brieven, berichten en "
                    "tweets.\n\n"
                    "In juni 2021 kwam ze vrij. Volgens haar zoon heeft de internationale aandacht haar "
                    "proces uit het slop gehaald en meegeholpen aan haar vrijlating. Ze mag vijf jaar lang "
                    "niet reizen: we blijven ons voor haar inzetten."
                ),
            },
            {
                "title": "Journalist vrijgelaten in Algerije",
                "body": (
                    "Khaled Drareni werd in maart 2020 opgepakt terwijl hij verslag uitbracht over een "
                    "vreedzame betoging. Hij werd veroordeeld tot drie jaar cel omdat hij zijn werk als "
                    "journalist deed, en groeide uit tot een symbool van de persvrijheid.\n\n"
                    "Na elf maanden in de cel en een massale mobilisatie kwam hij op 19 februari 2021 vrij. "
                    "De vervolging tegen hem is nog niet stopgezet."
                ),
            },
            {
                "title": "Mensenrechtenverdediger vrijgelaten in Burundi",
                "body": (
                    "Germain Rukuki werd in juli 2017 opgepakt voor zijn werk bij ACAT-Burundi, een "
                    "vereniging tegen foltering die door de regering werd ontbonden. Daarna werd hij "
                    "veroordeeld tot 32 jaar cel.\n\n"
                    "Zijn zaak maakte deel uit van de Schrijfmarathon 2020. In juni 2021 werd zijn straf "
                    "teruggebracht tot één jaar en kwam hij vrij."
                ),
            },
        ],
    },
    "en": {
        "campaign": {
            "title": "Write, sign, change lives",
            "intro": (
                "Every year, we ask you to take action for ten people who are in danger because they stand "
                "up for human rights. All Amnesty sections take action at the same time: your letters, your "
                "signatures and your messages of support go to the authorities and to the people themselves."
            ),
            "teacher_guide": _TEACHER_GUIDE_EN,
        },
        "past_results": {
            2020: "More than 240,000 paper letters and online signatures.",
        },
        "impact_figures": [
            ("77%", "released"),
            ("126 people", "freed of the 164 who were in prison"),
            ("Since 2000", "the letter-writing marathon has been making a difference"),
        ],
        "themes": {
            "environnement": "Environment",
            "liberte-expression": "Freedom of expression",
            "droits-des-femmes": "Women’s rights",
            "peuples-autochtones": "Indigenous peoples",
            "detention-arbitraire": "Arbitrary detention",
            "enfants-et-jeunes": "Children and young people",
            "lgbti": "LGBTI rights",
            "manifester": "Right to protest",
        },
        "countries": {
            "GT": "Guatemala",
            "ER": "Eritrea",
            "PS": "Palestine",
            "IL": "Israel",
            "NG": "Nigeria",
            "EG": "Egypt",
            "CN": "China",
            "BY": "Belarus",
            "MX": "Mexico",
            "UA": "Ukraine",
            "TH": "Thailand",
            "SA": "Saudi Arabia",
            "DZ": "Algeria",
            "BI": "Burundi",
        },
        "cases": {
            "bernardo-caal-xol": {
                "headline": "Locked up for protecting the sacred Cahabón River.",
                "summary": (
                    "Bernardo Caal Xol, a Maya Q’eqchi teacher and trade unionist, stood up for communities "
                    "affected by a dam project. He has been in prison for almost two years."
                ),
                "young_summary": (
                    "Bernardo is a teacher in Guatemala. He belongs to the Maya Q’eqchi people. A company "
                    "built dams on the Cahabón River. This river is sacred to his people. Bernardo "
                    "protested, without violence. For this, he was put in prison. We ask for him to be set "
                    "free."
                ),
                "story": (
                    "Bernardo Caal Xol is a teacher, a trade unionist and a voice for the Maya Q’eqchi "
                    "communities of Alta Verapaz, in northern Guatemala. When the Oxec I and II "
                    "hydroelectric plants began to transform the Cahabón River, which is sacred to these "
                    "communities, he opposed them without ever resorting to violence.\n\n"
                    "From 2015, the people of Santa María Cahabón chose him, together with other leaders, to "
                    "take the project’s irregularities to court. The response was a smear campaign in "
                    "newspapers, on television, in leaflets and on social media, and then prison."
                ),
                "ask": "Tell Guatemala to release Bernardo Caal Xol immediately and unconditionally.",
                "authority": {
                    "name": "President of the Republic of Guatemala",
                    "title": "Head of State",
                    "salutation": "Dear President,",
                },
                "letter": (
                    "I am writing to you about Bernardo Caal Xol, a teacher and defender of the rights of "
                    "the Maya Q’eqchi communities of Santa María Cahabón.\n\n"
                    "Bernardo Caal Xol is in prison solely for peacefully defending the rights of these "
                    "communities in the face of the Oxec hydroelectric project. I urge you to ensure that he "
                    "is released immediately and unconditionally, and that the smear campaigns against those "
                    "who defend land and water come to an end."
                ),
                "postcard_message": "Bernardo, we are thinking of you and of the Cahabón River. Stay strong!",
                "petition_demand": (
                    "Dear President of the Republic of Guatemala, we call on you to release Bernardo Caal "
                    "Xol immediately and unconditionally. He is in prison for peacefully defending the "
                    "Cahabón River and the Maya Q’eqchi communities."
                ),
            },
            "ciham-ali-ahmed": {
                "headline": "Arrested by the authorities, and we have heard nothing from her since.",
                "summary": (
                    "Ciham was 15 when she was arrested in 2012 while trying to leave Eritrea. Since then "
                    "she has been held incommunicado without trial, and her family knows nothing of her fate."
                ),
                "young_summary": (
                    "Ciham was 15 when she was arrested in Eritrea. She was trying to leave the country. "
                    "That was in 2012. Since then, no one knows where she is. Her family has heard nothing "
                    "from her. She has never had a trial. We want to know where she is, and we ask for her "
                    "to be set free."
                ),
                "story": (
                    "Ciham Ali Ahmed is a dual US and Eritrean national. In 2012, aged 15, she was arrested "
                    "while trying to leave Eritrea. She has never been tried, and no one has ever told her "
                    "what she is accused of.\n\n"
                    "For more than eight years, her family has not known where she is, whether she is ill, "
                    "whether she is getting medical care, or even whether she is still alive. Holding "
                    "someone in a secret place is an enforced disappearance: a crime under international law."
                ),
                "ask": "Demand justice for Ciham Ali Ahmed now.",
                "authority": {
                    "name": "President of the State of Eritrea",
                    "title": "Head of State",
                    "salutation": "Dear President,",
                },
                "letter": (
                    "I am writing to you about Ciham Ali Ahmed, who was arrested in 2012 at the age of 15 "
                    "and has been held ever since without charge or trial.\n\n"
                    "Her family has had no news of her for more than eight years. I urge you to disclose her "
                    "whereabouts without delay, to allow her access to her family, a lawyer and a doctor, "
                    "and to release her unless she is charged with an internationally recognised criminal "
                    "offence."
                ),
                "postcard_message": (
                    "Ciham, the world has not forgotten you. Sending you all our love and friendship."
                ),
                "petition_demand": (
                    "Dear President of the State of Eritrea, we call on you to reveal where Ciham Ali Ahmed "
                    "is, held incommunicado and without trial since 2012, to allow her to see her family and "
                    "a lawyer, and to release her."
                ),
            },
            "janna-jihad": {
                "headline": "Threatened for defending human rights.",
                "summary": (
                    "At 15, Janna Jihad films life under military occupation and tells the world about it. "
                    "For this, she receives death threats and faces intimidation."
                ),
                "young_summary": (
                    "Janna lives in the Occupied Palestinian Territories. When she was 7, she started "
                    "filming what happens around her, to show it to the world. Because of her videos, she "
                    "gets threats. We ask for her to be protected, so she can keep telling people what she "
                    "sees."
                ),
                "story": (
                    "Janna Jihad was seven when her uncle was killed by the Israeli army. She filmed it on "
                    "her mother’s phone and showed it to the world. Since then, she has never stopped "
                    "bearing witness to the violence of the occupation in the Occupied Palestinian "
                    "Territories.\n\n"
                    "At 13, she was already being called one of the youngest journalists in the world. "
                    "Today, at 15, she is paying for her courage with death threats and intimidation."
                ),
                "ask": "Call for immediate protection for Janna.",
                "country_label": "Occupied Palestinian Territories",
                "authority": {
                    "name": "Minister of Defence of the State of Israel",
                    "title": "Minister",
                    "salutation": "Dear Minister,",
                },
                "letter": (
                    "I am writing to you about Janna Jihad, a 15-year-old girl who documents human rights "
                    "violations in the Occupied Palestinian Territories.\n\n"
                    "She is the target of death threats and intimidation because of her work. I urge you to "
                    "guarantee her safety, to put an end to all forms of harassment against her and to "
                    "respect her right to freedom of expression."
                ),
                "postcard_message": "Janna, your voice matters. So many of us are listening.",
                "petition_demand": (
                    "Dear Minister of Defence of the State of Israel, we call on you to protect Janna Jihad, "
                    "a young journalist, from the threats and intimidation she faces, and to let her report "
                    "freely on life under occupation."
                ),
            },
            "imoleayo-adeyeun-michael": {
                "headline": "Arrested and mistreated for speaking out.",
                "summary": (
                    "Imoleayo, a young computer programmer, supported the #EndSARS movement against police "
                    "violence, online and on the streets. He now faces prison."
                ),
                "young_summary": (
                    "Imoleayo is a young man in Nigeria who works with computers. He supported a big "
                    "movement against police violence, online and in the street, without violence. He was "
                    "arrested and could go to prison. We ask for the charges against him to be dropped."
                ),
                "story": (
                    "In October 2020, young people all over Nigeria took to the streets against the "
                    "violence, extortion and killings blamed on a police unit, SARS. Imoleayo Adeyeun "
                    "Michael, a programmer, spread the word about the movement under the hashtag #EndSARS "
                    "and joined a protest.\n\n"
                    "Two weeks later, about twenty armed men burst into his home in Abuja in the middle of "
                    "the night. His family was locked in a room while he was taken away. He has been facing "
                    "prosecution ever since."
                ),
                "ask": "Write to get the charges against him dropped.",
                "authority": {
                    "name": "Attorney General of the Federation of Nigeria",
                    "title": "Attorney General",
                    "salutation": "Dear Attorney General,",
                },
                "letter": (
                    "I am writing to you about Imoleayo Adeyeun Michael, who was arrested at his home in "
                    "Abuja after taking part peacefully in the #EndSARS protests of October 2020.\n\n"
                    "Expressing an opinion and protesting peacefully are not crimes. I urge you to drop all "
                    "charges against him."
                ),
                "postcard_message": "Imoleayo, thank you for your courage. We stand with you.",
                "petition_demand": (
                    "Dear Attorney General of the Federation of Nigeria, we call on you to drop all charges "
                    "against Imoleayo Adeyeun Michael, who is being prosecuted for protesting peacefully "
                    "against police violence."
                ),
            },
            "mohamed-baker": {
                "headline": "Arbitrarily detained for defending human rights.",
                "summary": (
                    "Mohamed Baker, a lawyer for the poorest people, was arrested when he came to defend a "
                    "client. He is being held in very harsh conditions."
                ),
                "young_summary": (
                    "Mohamed is a lawyer in Egypt. He helps people who cannot pay to defend themselves. One "
                    "day, he went to defend a client at the prosecutor’s office… and then he was arrested "
                    "too. We ask for him to be set free."
                ),
                "story": (
                    "Mohamed Baker has devoted his life as a lawyer to defending the most vulnerable people "
                    "in Egypt. In September 2019, he went to the Supreme State Security Prosecution to "
                    "assist his friend Alaa Abdel Fattah, an activist who had been arrested. It was Mohamed "
                    "who was then detained.\n\n"
                    "In prison, he has no hot water and no mattress, and he is not even allowed to keep "
                    "photos of his loved ones."
                ),
                "ask": "Demand the release of Mohamed Baker.",
                "authority": {
                    "name": "President of the Arab Republic of Egypt",
                    "title": "Head of State",
                    "salutation": "Dear President,",
                },
                "letter": (
                    "I am writing to you about Mohamed Baker, a human rights lawyer who has been detained "
                    "since September 2019, when he came to assist a client.\n\n"
                    "He is being held solely because of his work as a lawyer. I urge you to release him "
                    "immediately and unconditionally and, in the meantime, to guarantee him humane "
                    "conditions of detention and contact with his family."
                ),
                "postcard_message": "Mohamed, your commitment inspires us. Warm thoughts from all of us.",
                "petition_demand": (
                    "Dear President of the Arab Republic of Egypt, we call on you to release the lawyer "
                    "Mohamed Baker immediately and unconditionally. He is detained for his work defending "
                    "human rights."
                ),
            },
            "zhang-zhan": {
                "headline": "Abducted and imprisoned for trying to report on COVID-19.",
                "summary": (
                    "Zhang Zhan, a former lawyer turned citizen journalist, went to Wuhan at the start of "
                    "the epidemic to report what she saw. She was imprisoned."
                ),
                "young_summary": (
                    "Zhang Zhan went to Wuhan, in China, at the very start of COVID-19. She filmed what she "
                    "saw and told people about it, so that everyone would know. For this, she was put in "
                    "prison. Her health is in danger. We ask for her to be set free."
                ),
                "story": (
                    "In February 2020, Zhang Zhan travelled to Wuhan, at the heart of the emerging epidemic. "
                    "On social media, she reported on the arrest of independent journalists and the "
                    "harassment of patients’ families.\n\n"
                    "Citizen journalists were the only independent, first-hand source of information about "
                    "the epidemic in China. Many were harassed for it; Zhang Zhan was abducted and then "
                    "imprisoned."
                ),
                "ask": "Take action and call for her release.",
                "authority": {
                    "name": "President of the People’s Republic of China",
                    "title": "Head of State",
                    "salutation": "Dear President,",
                },
                "letter": (
                    "I am writing to you about Zhang Zhan, a former lawyer and citizen journalist who is "
                    "imprisoned for reporting on the COVID-19 epidemic in Wuhan.\n\n"
                    "Reporting is not a crime. I urge you to release Zhang Zhan immediately and "
                    "unconditionally and to ensure that she receives the care she needs."
                ),
                "postcard_message": "Zhang Zhan, thank you for telling the truth. We are thinking of you.",
                "petition_demand": (
                    "Dear President of the People’s Republic of China, we call on you to release Zhang Zhan "
                    "immediately and unconditionally. She was imprisoned for reporting on the COVID-19 "
                    "epidemic in Wuhan. We also call on you to ensure that she receives the care she needs."
                ),
            },
            "mikita-zalatarou": {
                "headline": "Arrested at 16 and denied a fair trial.",
                "summary": (
                    "Mikita loved rap and video games. Arrested the day after a protest, beaten and "
                    "questioned without a lawyer, he was sentenced to five years in prison."
                ),
                "young_summary": (
                    "Mikita loved rap and video games. He lives in Belarus. When he was 16, he was arrested "
                    "after a protest. He was beaten and questioned without a lawyer. He was sentenced to "
                    "five years in prison. We ask for him to be set free."
                ),
                "story": (
                    "In August 2020, Mikita was waiting for a friend in the main square of Homel, in "
                    "Belarus, not far from a protest against the results of the presidential election. When "
                    "the police moved in and the crowd started running, he ran too.\n\n"
                    "The next day, police officers arrested him at home, beat him and accused him of "
                    "throwing a Molotov cocktail. Questioned without a lawyer or an adult at his side and "
                    "held for six months, he was sentenced to five years in prison."
                ),
                "ask": "Tell Belarus to free Mikita.",
                "authority": {
                    "name": "Prosecutor General of the Republic of Belarus",
                    "title": "Prosecutor General",
                    "salutation": "Dear Prosecutor General,",
                },
                "letter": (
                    "I am writing to you about Mikita Zalatarou, who was arrested in Homel in August 2020 "
                    "while still a minor, and was beaten and questioned without a lawyer or a responsible "
                    "adult present.\n\n"
                    "He was sentenced to five years in prison after proceedings that did not respect the "
                    "safeguards owed to a minor. I urge you to release him and to investigate the "
                    "ill-treatment he suffered."
                ),
                "postcard_message": "Mikita, hang in there! Thousands of people are thinking of you.",
                "petition_demand": (
                    "Dear Prosecutor General of the Republic of Belarus, we call on you to release Mikita "
                    "Zalatarou, sentenced to five years in prison after an unfair trial over events when he "
                    "was 16, and to investigate the ill-treatment he suffered."
                ),
            },
            "wendy-galarza": {
                "headline": "Attacked for protecting women’s rights.",
                "summary": (
                    "Wendy Galarza was shot and wounded during a feminist protest in Cancún. She is "
                    "demanding justice, but the investigation is going nowhere."
                ),
                "young_summary": (
                    "Wendy lives in Mexico. During a protest for women’s rights, the police fired shots and "
                    "Wendy was hurt. She wants the people responsible to go on trial, but the investigation "
                    "is not moving. We ask for justice for Wendy."
                ),
                "story": (
                    "Wendy Galarza looks after children and campaigns against violence against women in "
                    "Mexico, where so many women are humiliated, attacked or killed. During a protest in "
                    "Cancún, she was shot and nearly died.\n\n"
                    "Two days later, she filed a complaint against the police. It took months for the "
                    "prosecutor’s office to agree to examine her clothes, torn by the bullets. The "
                    "investigation has stalled, but Wendy and her organisation keep demanding justice."
                ),
                "ask": "Demand justice for Wendy.",
                "authority": {
                    "name": "Attorney General of the State of Quintana Roo",
                    "title": "Attorney General",
                    "salutation": "Dear Attorney General,",
                },
                "letter": (
                    "I am writing to you about Wendy Galarza, who was shot and wounded during a protest for "
                    "women’s rights in Cancún.\n\n"
                    "I urge you to carry out a full and impartial investigation into the shooting without "
                    "delay, to bring those responsible to justice and to guarantee the safety of Wendy "
                    "Galarza and her family."
                ),
                "postcard_message": "Wendy, your fight is our fight. In solidarity.",
                "petition_demand": (
                    "Dear Attorney General of the State of Quintana Roo, we call on you to carry out a "
                    "prompt and impartial investigation into the shooting that wounded Wendy Galarza during "
                    "a feminist protest in Cancún, and to bring those responsible to justice."
                ),
            },
            "sphere-ukraine": {
                "headline": "Attacked for defending the rights of LGBTI people.",
                "summary": (
                    "Anna and Vira founded the NGO Sphere in Kharkiv to offer a safe space to women and "
                    "LGBTI people. They are being attacked, and the authorities do not protect them."
                ),
                "young_summary": (
                    "Anna and Vira started a group in Ukraine. It is a place where women and LGBTI people "
                    "can feel safe. Anna and Vira are often attacked, and the police do not protect them. We "
                    "ask for them to be protected."
                ),
                "story": (
                    "Through the NGO Sphere, Anna Charyhina and Vira Tchernyhina support women and LGBTI "
                    "people in Kharkiv, in a country where people are often attacked for who they are. They "
                    "organised their city’s first Pride march and brought together more than 3,000 "
                    "people.\n\n"
                    "Since then, they and their colleagues have been the target of attacks, and the police "
                    "do nothing to protect them."
                ),
                "ask": "Demand justice for an LGBTI rights organisation in Ukraine.",
                "authority": {
                    "name": "Head of the National Police of Ukraine",
                    "title": "Head of the National Police",
                    "salutation": "Dear Head of the National Police,",
                },
                "letter": (
                    "I am writing to you about the NGO Sphere and its founders, Anna Charyhina and Vira "
                    "Tchernyhina, who defend the rights of women and LGBTI people in Kharkiv.\n\n"
                    "They and their colleagues have been attacked repeatedly. I urge you to investigate "
                    "these attacks, to bring those responsible to justice and to ensure that they are "
                    "protected during their public activities."
                ),
                "postcard_message": (
                    "Anna, Vira, thank you for creating spaces where people can be free. We are proud of you."
                ),
                "petition_demand": (
                    "Dear Head of the National Police of Ukraine, we call on you to protect Anna Charyhina, "
                    "Vira Tchernyhina and the NGO Sphere, and to investigate the attacks they face because "
                    "they defend the rights of LGBTI people."
                ),
            },
            "panusaya-sithijirawattanakul": {
                "headline": "She faces life in prison for speaking out.",
                "summary": (
                    "Rung, a student and violinist who used to be shy, has become one of the voices of the "
                    "youth movement for democracy in Thailand. She faces life in prison."
                ),
                "young_summary": (
                    "Rung is a student in Thailand and plays the violin. She used to be shy, but she spoke "
                    "up to ask for more democracy. Because of her speeches, she could go to prison for life. "
                    "We ask for the charges against her to be dropped."
                ),
                "story": (
                    "When asked to describe herself, Rung says she is “humble and quiet”. Yet throughout "
                    "2020, this student and amateur violinist spoke out at protests calling for social and "
                    "political reform.\n\n"
                    "She has become one of the most listened-to voices of the youth movement for democracy "
                    "in Thailand, and for this she faces life in prison."
                ),
                "ask": "Protect Rung from prison.",
                "authority": {
                    "name": "Attorney General of the Kingdom of Thailand",
                    "title": "Attorney General",
                    "salutation": "Dear Attorney General,",
                },
                "letter": (
                    "I am writing to you about Panusaya Sithijirawattanakul, a student facing prosecution "
                    "for speaking at peaceful protests in 2020.\n\n"
                    "Expressing an opinion peacefully is a right. I urge you to drop all charges brought "
                    "against her on these grounds."
                ),
                "postcard_message": "Rung, your music and your voice carry far. We are with you.",
                "petition_demand": (
                    "Dear Attorney General of the Kingdom of Thailand, we call on you to drop all charges "
                    "against Panusaya “Rung” Sithijirawattanakul for peacefully expressing her views."
                ),
            },
        },
        "success_stories": [
            {
                "title": "Women’s rights activist freed in Saudi Arabia",
                "body": (
                    "Arrested in 2018 for peacefully defending women’s rights, Nassima al-Sada was beaten by "
                    "her guards and denied visits, even from her lawyer. Supporters around the world sent "
                    "her 777,611 letters, messages and tweets.\n\n"
                    "She walked out of prison in June 2021. Her son believes the international attention got "
                    "her stalled trial moving and played a part in her release. She is still banned from "
                    "travelling for five years: the campaign goes on."
                ),
            },
            {
                "title": "Journalist freed in Algeria",
                "body": (
                    "Arrested in March 2020 while covering a peaceful protest, Khaled Drareni was sentenced "
                    "to three years in prison for doing his job as a journalist. He became a symbol of press "
                    "freedom.\n\n"
                    "After eleven months in detention and a massive campaign, he was released on 19 February "
                    "2021. The charges against him have not yet been dropped."
                ),
            },
            {
                "title": "Human rights defender freed in Burundi",
                "body": (
                    "Germain Rukuki was arrested in July 2017 for his work with ACAT-Burundi, an "
                    "anti-torture organisation shut down by the government, and sentenced to 32 years in "
                    "prison.\n\n"
                    "His case was part of the 2020 letter-writing marathon. In June 2021, his sentence was "
                    "reduced to one year and he was released."
                ),
            },
        ],
    },
}
