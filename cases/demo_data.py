"""The 2021 campaign of the source page, for `manage.py seed_demo`.

Names, countries, headlines and asks come from the campaign page; the stories,
summaries and model letters are written afresh from its facts. Every authority
and embassy address here is invented and marked as demo data.
"""

from __future__ import annotations

import datetime

DEMO_MARK = "[DÉMO — adresse fictive]"

# The seed's own calendar (seed_demo --seed-dates); by default the demo is placed in the
# coming season (cases/calendar.py: season_dates).
SEED_DEADLINE = datetime.date(2022, 1, 11)

CAMPAIGN = {
    "title": "Écrivez, signez, changez des vies",
    "intro": (
        "Chaque année, nous vous proposons d’agir pour dix personnes en danger parce "
        "qu’elles défendent les droits humains. Toutes les sections d’Amnesty se "
        "mobilisent en même temps : vos lettres, vos signatures et vos mots "
        "d’encouragement partent vers les autorités et vers les personnes elles-mêmes."
    ),
    "return_address": ("Amnesty International — Marathon des lettres\nChaussée de Wavre 169\n1050 Bruxelles"),
    # The seed page ends with "Devenez membre"; the section's site is where both lead
    # until staff set the exact pages. Goals a little above 2020's 240 000 together.
    "membership_url": "https://www.amnesty.be/",
    "donation_url": "https://www.amnesty.be/",
    "signatures_goal": 150_000,
    "letters_goal": 100_000,
}

# Earlier marathons on the results page: the seed gives 2020 as one combined figure.
PAST_RESULTS = [
    {
        "year": 2020,
        "combined": 240_000,
        "note": "Plus de 240 000 lettres papier et signatures électroniques.",
    },
]

IMPACT_FIGURES = [
    ("77 %", "de libérations"),
    ("126 personnes", "libérées sur 164 emprisonnées"),
    ("Depuis 2000", "le marathon des lettres fait bouger les choses"),
]

THEMES = {
    "environnement": "Environnement",
    "liberte-expression": "Liberté d’expression",
    "droits-des-femmes": "Droits des femmes",
    "peuples-autochtones": "Peuples autochtones",
    "detention-arbitraire": "Détention arbitraire",
    "enfants-et-jeunes": "Enfants et jeunes",
    "lgbti": "Droits des personnes LGBTI",
    "manifester": "Droit de manifester",
}

# Each case: the person, what the page said in one line and what it asks,
# and our own wording of the story and of the letter.
CASES = [
    {
        "slug": "bernardo-caal-xol",
        "person_name": "Bernardo Caal Xol",
        "country": "GT",
        "headline": "Enfermé pour avoir protégé le fleuve sacré Cahabón.",
        "summary": (
            "Instituteur et syndicaliste maya q’eqchi, Bernardo Caal Xol a pris la défense de "
            "communautés touchées par un projet de barrage. Il est en prison depuis près de deux ans."
        ),
        "story": (
            "Bernardo Caal Xol enseigne, milite dans un syndicat et porte la voix des communautés "
            "maya q’eqchi d’Alta Verapaz, dans le nord du Guatemala. Quand les centrales "
            "hydroélectriques Oxec I et II ont commencé à transformer la rivière Cahabón, sacrée "
            "pour ces communautés, il s’y est opposé sans jamais recourir à la violence.\n\n"
            "À partir de 2015, les habitants de Santa María Cahabón l’ont choisi, avec d’autres "
            "responsables, pour saisir la justice au sujet des irrégularités du projet. La réponse "
            "a été une campagne de dénigrement dans les journaux, à la télévision, sur des tracts "
            "et sur les réseaux sociaux, puis la prison."
        ),
        "ask": "Dites au Guatemala de libérer Bernardo Caal Xol immédiatement et sans condition.",
        "themes": ["environnement", "peuples-autochtones", "detention-arbitraire"],
        "authority": {
            "name": "Président de la République du Guatemala",
            "title": "Chef de l’État",
            "salutation": "Monsieur le Président,",
        },
        "letter": (
            "Je vous écris au sujet de Bernardo Caal Xol, enseignant et défenseur des droits des "
            "communautés maya q’eqchi de Santa María Cahabón.\n\n"
            "Bernardo Caal Xol est emprisonné uniquement pour avoir défendu pacifiquement les "
            "droits de ces communautés face au projet hydroélectrique Oxec. Je vous demande de "
            "veiller à ce qu’il soit libéré immédiatement et sans condition, et que cessent les "
            "campagnes de diffamation visant celles et ceux qui défendent la terre et l’eau."
        ),
        "postcard_message": "Bernardo, nous pensons à vous et à la rivière Cahabón. Courage !",
    },
    {
        "slug": "ciham-ali-ahmed",
        "person_name": "Ciham Ali Ahmed",
        "country": "ER",
        "headline": "Arrêtée par les autorités, nous n’avons aucune nouvelle d’elle depuis.",
        "summary": (
            "Ciham avait 15 ans lorsqu’elle a été arrêtée en 2012 en tentant de quitter l’Érythrée. "
            "Depuis, elle est détenue au secret, sans procès, et sa famille ignore tout de son sort."
        ),
        "story": (
            "Ciham Ali Ahmed a la double nationalité américaine et érythréenne. En 2012, à 15 ans, "
            "elle a été arrêtée alors qu’elle essayait de quitter l’Érythrée. Elle n’a jamais été "
            "jugée, et personne ne lui a jamais dit ce qu’on lui reproche.\n\n"
            "Depuis plus de huit ans, ses proches ne savent pas où elle est, si elle est malade, "
            "si elle reçoit des soins, ni même si elle est toujours en vie. Détenir quelqu’un dans "
            "un lieu tenu secret est une disparition forcée : un crime au regard du droit "
            "international."
        ),
        "ask": "Demandez justice pour Ciham Ali Ahmed dès maintenant.",
        "themes": ["detention-arbitraire", "enfants-et-jeunes"],
        "authority": {
            "name": "Président de l’État d’Érythrée",
            "title": "Chef de l’État",
            "salutation": "Monsieur le Président,",
        },
        "letter": (
            "Je vous écris au sujet de Ciham Ali Ahmed, arrêtée en 2012 à l’âge de 15 ans et "
            "détenue depuis lors sans inculpation ni procès.\n\n"
            "Sa famille est sans nouvelles d’elle depuis plus de huit ans. Je vous demande de "
            "révéler sans délai où elle se trouve, de lui permettre de voir sa famille, un avocat "
            "et un médecin, et de la libérer si elle n’est pas inculpée d’une infraction reconnue "
            "par le droit international."
        ),
        "postcard_message": "Ciham, le monde ne vous oublie pas. Nous vous envoyons toute notre amitié.",
    },
    {
        "slug": "janna-jihad",
        "person_name": "Janna Jihad",
        "country": "PS",
        "country_label": "territoires palestiniens occupés",
        "headline": "Menacée parce qu’elle défend les droits humains.",
        "summary": (
            "À 15 ans, Janna Jihad filme et raconte la vie sous occupation militaire. Pour cela, "
            "elle reçoit des menaces de mort et subit des intimidations."
        ),
        "story": (
            "Janna Jihad avait sept ans quand son oncle a été tué par l’armée israélienne. Elle a "
            "filmé la scène avec le téléphone de sa mère et l’a montrée au monde. Depuis, elle "
            "n’a plus cessé de témoigner de la violence de l’occupation dans les territoires "
            "palestiniens occupés.\n\n"
            "À 13 ans, elle était déjà présentée comme l’une des plus jeunes journalistes au monde. "
            "Aujourd’hui, à 15 ans, elle paie ce courage de menaces de mort et de manœuvres "
            "d’intimidation."
        ),
        "ask": "Demandez des mesures de protection immédiates pour Janna.",
        "themes": ["liberte-expression", "enfants-et-jeunes"],
        "authority": {
            "name": "Ministre de la Défense de l’État d’Israël",
            "title": "Ministre",
            "salutation": "Monsieur le Ministre,",
        },
        "letter": (
            "Je vous écris au sujet de Janna Jihad, une adolescente de 15 ans qui documente les "
            "atteintes aux droits humains dans les territoires palestiniens occupés.\n\n"
            "Elle est la cible de menaces de mort et d’intimidations en raison de son travail. Je "
            "vous demande de garantir sa sécurité, de mettre fin à toute forme de harcèlement à "
            "son encontre et de respecter son droit à la liberté d’expression."
        ),
        "postcard_message": "Janna, ta voix compte. Nous sommes nombreux à l’écouter.",
    },
    {
        "slug": "imoleayo-adeyeun-michael",
        "person_name": "Imoleayo Adeyeun Michael",
        "country": "NG",
        "headline": "Arrêté et maltraité pour s’être exprimé.",
        "summary": (
            "Jeune informaticien, Imoleayo a soutenu en ligne et dans la rue le mouvement #EndSARS "
            "contre les violences policières. Il risque aujourd’hui la prison."
        ),
        "story": (
            "En octobre 2020, des jeunes de tout le Nigeria sont descendus dans la rue contre les "
            "violences, l’extorsion et les meurtres attribués à une unité de police, la SARS. "
            "Imoleayo Adeyeun Michael, programmeur, a relayé le mouvement sous le mot-clé "
            "#EndSARS et a pris part à une manifestation.\n\n"
            "Deux semaines plus tard, une vingtaine d’hommes armés ont fait irruption chez lui, à "
            "Abuja, en pleine nuit. Sa famille a été enfermée dans une pièce pendant qu’on "
            "l’emmenait. Il est depuis poursuivi en justice."
        ),
        "ask": "Écrivez pour que les charges retenues contre lui soient abandonnées.",
        "themes": ["manifester", "liberte-expression"],
        "authority": {
            "name": "Procureur général de la Fédération du Nigeria",
            "title": "Attorney General",
            "salutation": "Monsieur le Procureur général,",
        },
        "letter": (
            "Je vous écris au sujet d’Imoleayo Adeyeun Michael, arrêté à son domicile d’Abuja "
            "après avoir participé pacifiquement aux manifestations #EndSARS d’octobre 2020.\n\n"
            "Exprimer son opinion et manifester pacifiquement ne sont pas des crimes. Je vous "
            "demande d’abandonner toutes les charges retenues contre lui."
        ),
        "postcard_message": "Imoleayo, merci pour votre courage. Nous sommes à vos côtés.",
    },
    {
        "slug": "mohamed-baker",
        "person_name": "Mohamed Baker",
        "country": "EG",
        "headline": "Détenu arbitrairement pour avoir défendu les droits humains.",
        "summary": (
            "Avocat des plus pauvres, Mohamed Baker a été arrêté en venant défendre un client. "
            "Il est détenu dans des conditions très dures."
        ),
        "story": (
            "Mohamed Baker a consacré sa vie d’avocat à défendre les personnes les plus "
            "vulnérables en Égypte. En septembre 2019, il s’est rendu au parquet de la sûreté de "
            "l’État pour assister son ami Alaa Abdel Fattah, militant arrêté. C’est lui qui a "
            "alors été placé en détention.\n\n"
            "En prison, il n’a ni eau chaude ni matelas, et il n’a même pas le droit de garder "
            "des photos de ses proches."
        ),
        "ask": "Exigez la libération de Mohamed Baker.",
        "themes": ["detention-arbitraire"],
        "authority": {
            "name": "Président de la République arabe d’Égypte",
            "title": "Chef de l’État",
            "salutation": "Monsieur le Président,",
        },
        "letter": (
            "Je vous écris au sujet de Mohamed Baker, avocat spécialisé dans la défense des droits "
            "humains, détenu depuis septembre 2019 alors qu’il venait assister un client.\n\n"
            "Il est détenu uniquement en raison de son travail d’avocat. Je vous demande de le "
            "libérer immédiatement et sans condition et, d’ici là, de lui garantir des conditions "
            "de détention dignes et des contacts avec sa famille."
        ),
        "postcard_message": "Mohamed, votre engagement nous inspire. Pensées chaleureuses.",
    },
    {
        "slug": "zhang-zhan",
        "person_name": "Zhang Zhan",
        "country": "CN",
        "headline": "Enlevée et emprisonnée pour avoir voulu informer sur le covid-19.",
        "summary": (
            "Ancienne avocate devenue journaliste citoyenne, Zhang Zhan est allée à Wuhan au début "
            "de l’épidémie pour raconter ce qu’elle voyait. Elle a été emprisonnée."
        ),
        "story": (
            "En février 2020, Zhang Zhan s’est rendue à Wuhan, au cœur de l’épidémie naissante. "
            "Sur les réseaux sociaux, elle a rapporté l’arrestation de journalistes indépendants "
            "et le harcèlement des familles de malades.\n\n"
            "Les journalistes citoyens ont été la seule source d’information indépendante et "
            "directe sur l’épidémie en Chine. Beaucoup ont été harcelés pour cela ; Zhang Zhan a "
            "été enlevée puis emprisonnée."
        ),
        "ask": "Agissez et demandez sa libération.",
        "themes": ["liberte-expression", "detention-arbitraire"],
        "authority": {
            "name": "Président de la République populaire de Chine",
            "title": "Chef de l’État",
            "salutation": "Monsieur le Président,",
        },
        "letter": (
            "Je vous écris au sujet de Zhang Zhan, ancienne avocate et journaliste citoyenne, "
            "emprisonnée pour avoir informé sur l’épidémie de COVID-19 à Wuhan.\n\n"
            "Informer n’est pas un crime. Je vous demande de libérer Zhang Zhan immédiatement et "
            "sans condition et de veiller à ce qu’elle reçoive les soins dont elle a besoin."
        ),
        "postcard_message": "Zhang Zhan, merci d’avoir dit la vérité. Nous pensons à vous.",
    },
    {
        "slug": "mikita-zalatarou",
        "person_name": "Mikita Zalatarou",
        "country": "BY",
        "headline": "Arrêté à 16 ans, on lui refuse un procès équitable.",
        "summary": (
            "Mikita aimait le rap et les jeux vidéo. Arrêté au lendemain d’une manifestation, "
            "battu et interrogé sans avocat, il a été condamné à cinq ans de prison."
        ),
        "story": (
            "En août 2020, Mikita attendait un ami sur la place principale de Homel, au Bélarus, "
            "non loin d’une manifestation contre les résultats de l’élection présidentielle. "
            "Quand la police est intervenue et que la foule a couru, il a couru aussi.\n\n"
            "Le lendemain, des policiers l’ont arrêté chez lui, l’ont frappé et l’ont accusé "
            "d’avoir lancé un cocktail Molotov. Interrogé sans avocat ni adulte à ses côtés, "
            "détenu six mois, il a été condamné à cinq ans de prison."
        ),
        "ask": "Demandez au Bélarus de libérer Mikita.",
        "themes": ["enfants-et-jeunes", "manifester", "detention-arbitraire"],
        "authority": {
            "name": "Procureur général de la République du Bélarus",
            "title": "Procureur général",
            "salutation": "Monsieur le Procureur général,",
        },
        "letter": (
            "Je vous écris au sujet de Mikita Zalatarou, arrêté à Homel en août 2020 alors qu’il "
            "était mineur, frappé et interrogé sans avocat ni adulte responsable.\n\n"
            "Il a été condamné à cinq ans de prison à l’issue d’une procédure qui n’a pas respecté "
            "les garanties dues à un mineur. Je vous demande sa libération et une enquête sur les "
            "mauvais traitements qu’il a subis."
        ),
        "postcard_message": "Mikita, tiens bon ! Des milliers de personnes pensent à toi.",
    },
    {
        "slug": "wendy-galarza",
        "person_name": "Wendy Galarza",
        "country": "MX",
        "headline": "Attaquée parce qu’elle protège les droits des femmes.",
        "summary": (
            "Wendy Galarza a été blessée par balles lors d’une manifestation féministe à Cancún. "
            "Elle demande justice, mais l’enquête n’avance pas."
        ),
        "story": (
            "Wendy Galarza s’occupe d’enfants et milite contre les violences faites aux femmes au "
            "Mexique, où tant de femmes sont humiliées, agressées ou tuées. Lors d’une "
            "manifestation à Cancún, elle a été blessée par balles et a failli mourir.\n\n"
            "Deux jours plus tard, elle a porté plainte contre la police. Il a fallu des mois pour "
            "que le parquet accepte d’examiner ses vêtements troués par les balles. L’enquête est "
            "au point mort, mais Wendy continue de réclamer justice avec son association."
        ),
        "ask": "Demandez justice pour Wendy.",
        "themes": ["droits-des-femmes", "manifester"],
        "authority": {
            "name": "Procureur général de l’État de Quintana Roo",
            "title": "Procureur général",
            "salutation": "Monsieur le Procureur général,",
        },
        "letter": (
            "Je vous écris au sujet de Wendy Galarza, blessée par balles lors d’une manifestation "
            "pour les droits des femmes à Cancún.\n\n"
            "Je vous demande de mener sans délai une enquête complète et impartiale sur les tirs, "
            "de traduire en justice les responsables et de garantir la sécurité de Wendy Galarza "
            "et de ses proches."
        ),
        "postcard_message": "Wendy, votre combat est le nôtre. Toute notre solidarité.",
    },
    {
        "slug": "sphere-ukraine",
        "person_name": "Anna Charyhina et Vira Tchernyhina",
        "country": "UA",
        "headline": "Attaquées parce qu’elles défendent les droits des personnes LGBTI.",
        "summary": (
            "Anna et Vira ont fondé l’ONG Sphère à Kharkiv pour offrir un lieu sûr aux femmes et "
            "aux personnes LGBTI. Elles sont agressées, et les autorités ne les protègent pas."
        ),
        "story": (
            "Avec l’ONG Sphère, Anna Charyhina et Vira Tchernyhina soutiennent les femmes et les "
            "personnes LGBTI à Kharkiv, dans un pays où l’on est souvent attaqué pour ce que l’on "
            "est. Elles ont organisé la première marche des fiertés de leur ville et réuni plus "
            "de 3 000 personnes.\n\n"
            "Depuis, elles et leurs collègues sont la cible d’agressions, et la police ne fait "
            "rien pour les en protéger."
        ),
        "ask": "Exigez la justice pour une ONG de défense des LGBTI en Ukraine.",
        "themes": ["lgbti", "droits-des-femmes"],
        "authority": {
            "name": "Chef de la police nationale d’Ukraine",
            "title": "Chef de la police nationale",
            "salutation": "Monsieur le Chef de la police,",
        },
        "letter": (
            "Je vous écris au sujet de l’ONG Sphère et de ses fondatrices, Anna Charyhina et Vira "
            "Tchernyhina, qui défendent les droits des femmes et des personnes LGBTI à Kharkiv.\n\n"
            "Elles et leurs collègues ont subi des attaques répétées. Je vous demande d’enquêter "
            "sur ces agressions, d’en poursuivre les auteurs et d’assurer leur protection lors de "
            "leurs activités publiques."
        ),
        "postcard_message": "Anna, Vira, merci pour ces espaces de liberté. Nous sommes fiers de vous.",
    },
    {
        "slug": "panusaya-sithijirawattanakul",
        "person_name": "Panusaya « Rung » Sithijirawattanakul",
        "country": "TH",
        "headline": "Elle risque la prison à vie pour s’être exprimée.",
        "summary": (
            "Étudiante et violoniste, autrefois timide, Rung est devenue l’une des voix du "
            "mouvement des jeunes pour la démocratie en Thaïlande. Elle risque la perpétuité."
        ),
        "story": (
            "Quand on lui demande de se décrire, Rung répond qu’elle est « humble et tranquille ». "
            "Cette étudiante, violoniste à ses heures, a pourtant pris la parole tout au long de "
            "l’année 2020 lors de manifestations pour des réformes sociales et politiques.\n\n"
            "Elle est devenue l’une des figures les plus écoutées du mouvement des jeunes pour la "
            "démocratie en Thaïlande, et elle risque pour cela la prison à perpétuité."
        ),
        "ask": "Protégez Rung de l’emprisonnement.",
        "themes": ["liberte-expression", "manifester", "enfants-et-jeunes"],
        "authority": {
            "name": "Procureur général du Royaume de Thaïlande",
            "title": "Procureur général",
            "salutation": "Monsieur le Procureur général,",
        },
        "letter": (
            "Je vous écris au sujet de Panusaya Sithijirawattanakul, étudiante poursuivie pour "
            "avoir pris la parole lors de manifestations pacifiques en 2020.\n\n"
            "Exprimer pacifiquement son opinion est un droit. Je vous demande d’abandonner toutes "
            "les poursuites engagées contre elle pour ce motif."
        ),
        "postcard_message": "Rung, ta musique et ta voix portent loin. Nous sommes avec toi.",
    },
]

# How the site writes each country (CountryName): as the seed page does, and after
# « les autorités ».
COUNTRY_NAMES = {
    "GT": ("Guatemala", "du Guatemala"),
    "ER": ("Érythrée", "de l’Érythrée"),
    "PS": ("Palestine", "de la Palestine"),
    "IL": ("Israël", "d’Israël"),
    "NG": ("Nigeria", "du Nigeria"),
    "EG": ("Égypte", "de l’Égypte"),
    "CN": ("Chine", "de la Chine"),
    "BY": ("Bélarus", "du Bélarus"),
    "MX": ("Mexique", "du Mexique"),
    "UA": ("Ukraine", "de l’Ukraine"),
    "TH": ("Thaïlande", "de la Thaïlande"),
    "SA": ("Arabie saoudite", "de l’Arabie saoudite"),
    "DZ": ("Algérie", "de l’Algérie"),
    "BI": ("Burundi", "du Burundi"),
}

EMBASSY_NAMES = {
    "GT": "Ambassade du Guatemala",
    "ER": "Ambassade de l’État d’Érythrée",
    "PS": "Mission de Palestine",
    "NG": "Ambassade de la République fédérale du Nigeria",
    "EG": "Ambassade de la République arabe d’Égypte",
    "CN": "Ambassade de la République populaire de Chine",
    "BY": "Ambassade de la République du Bélarus",
    "MX": "Ambassade des États-Unis du Mexique",
    "UA": "Ambassade d’Ukraine",
    "TH": "Ambassade royale de Thaïlande",
    "IL": "Ambassade d’Israël",
}

SUCCESS_STORIES = [
    {
        "title": "Une militante des droits des femmes libérée en Arabie saoudite",
        "person_name": "Nassima al-Sada",
        "country": "SA",
        "body": (
            "Arrêtée en 2018 pour avoir défendu pacifiquement les droits des femmes, Nassima "
            "al-Sada a été frappée par ses gardiens et privée de visites, même de son avocat. "
            "Des sympathisants du monde entier lui ont adressé 777 611 lettres, messages et "
            "tweets.\n\n"
            "Elle est sortie de prison en juin 2021. Pour son fils, l’attention internationale a "
            "permis de débloquer son procès et a compté dans sa libération. Elle reste interdite "
            "de voyage pour cinq ans : la mobilisation continue."
        ),
    },
    {
        "title": "Un journaliste libéré en Algérie",
        "person_name": "Khaled Drareni",
        "country": "DZ",
        "body": (
            "Arrêté en mars 2020 alors qu’il couvrait une manifestation pacifique, Khaled Drareni "
            "a été condamné à trois ans de prison pour avoir fait son métier de journaliste. Il "
            "est devenu un symbole de la liberté de la presse.\n\n"
            "Après onze mois de détention et une mobilisation massive, il a été libéré le "
            "19 février 2021. Les poursuites n’ont pas encore été abandonnées."
        ),
    },
    {
        "title": "Un défenseur des droits humains libéré au Burundi",
        "person_name": "Germain Rukuki",
        "country": "BI",
        "body": (
            "Germain Rukuki a été arrêté en juillet 2017 pour son travail avec l’ACAT-Burundi, une "
            "association contre la torture dissoute par le gouvernement, puis condamné à 32 ans "
            "de prison.\n\n"
            "Son cas faisait partie du marathon des lettres 2020. En juin 2021, sa peine a été "
            "ramenée à un an et il a été libéré."
        ),
    },
]

# Each petition's text: the demand its signers address to the authority (what they ask of
# whom), printed above their names for the embassy. The case's "ask" stays the call to
# supporters on the site.
PETITION_DEMANDS = {
    "bernardo-caal-xol": (
        "Monsieur le Président de la République du Guatemala, nous vous demandons de libérer "
        "immédiatement et sans condition Bernardo Caal Xol, emprisonné pour avoir défendu "
        "pacifiquement le fleuve Cahabón et les communautés maya q’eqchi."
    ),
    "ciham-ali-ahmed": (
        "Monsieur le Président de l’État d’Érythrée, nous vous demandons de révéler où se "
        "trouve Ciham Ali Ahmed, détenue au secret et sans procès depuis 2012, de lui permettre "
        "de voir sa famille et un avocat, et de la libérer."
    ),
    "janna-jihad": (
        "Monsieur le Ministre de la Défense de l’État d’Israël, nous vous demandons de protéger "
        "Janna Jihad, jeune journaliste, des menaces et des intimidations qu’elle subit, et de "
        "la laisser informer librement sur la vie sous occupation."
    ),
    "imoleayo-adeyeun-michael": (
        "Monsieur le Procureur général de la Fédération du Nigeria, nous vous demandons "
        "d’abandonner toutes les charges retenues contre Imoleayo Adeyeun Michael, poursuivi "
        "pour avoir manifesté pacifiquement contre les violences policières."
    ),
    "mohamed-baker": (
        "Monsieur le Président de la République arabe d’Égypte, nous vous demandons de libérer "
        "immédiatement et sans condition l’avocat Mohamed Baker, détenu pour son travail de "
        "défense des droits humains."
    ),
    "zhang-zhan": (
        "Monsieur le Président de la République populaire de Chine, nous vous demandons de "
        "libérer immédiatement et sans condition Zhang Zhan, emprisonnée pour avoir informé sur "
        "l’épidémie de covid-19 à Wuhan, et de lui garantir les soins dont elle a besoin."
    ),
    "mikita-zalatarou": (
        "Monsieur le Procureur général de la République du Bélarus, nous vous demandons de "
        "libérer Mikita Zalatarou, condamné à cinq ans de prison après un procès inéquitable "
        "pour des faits commis à 16 ans, et d’enquêter sur les mauvais traitements qu’il a subis."
    ),
    "wendy-galarza": (
        "Monsieur le Procureur général de l’État de Quintana Roo, nous vous demandons de mener "
        "une enquête rapide et impartiale sur les tirs qui ont blessé Wendy Galarza lors d’une "
        "manifestation féministe à Cancún, et de traduire les responsables en justice."
    ),
    "sphere-ukraine": (
        "Monsieur le Chef de la police nationale d’Ukraine, nous vous demandons de protéger "
        "Anna Charyhina, Vira Tchernyhina et l’ONG Sphère, et d’enquêter sur les attaques "
        "qu’elles subissent parce qu’elles défendent les droits des personnes LGBTI."
    ),
    "panusaya-sithijirawattanakul": (
        "Monsieur le Procureur général du Royaume de Thaïlande, nous vous demandons "
        "d’abandonner toutes les poursuites engagées contre Panusaya « Rung » "
        "Sithijirawattanakul pour avoir exprimé pacifiquement ses opinions."
    ),
}

# The teacher's guide printed for classes (Campaign.teacher_guide), written for the demo
# from the seed's campaign: staff rework it each year.
TEACHER_GUIDE = """\
### Pourquoi écrire avec une classe

Le marathon des lettres montre aux élèves qu’un geste simple, répété par des milliers de
personnes, peut changer le sort de quelqu’un : chaque année, des personnes défendues sont
libérées, protégées ou rejugées. Écrire, c’est aussi apprendre à argumenter avec respect et
à se mettre à la place d’une autre personne.

**Objectifs** : découvrir quelques droits de la Déclaration universelle des droits humains
(liberté d’expression, droit à un procès équitable, droit de manifester pacifiquement) ;
comprendre la situation d’une personne en danger ; écrire une lettre formelle et une carte
de soutien.

### Une séance de 50 minutes

1. **Dix minutes pour entrer dans le sujet.** Demandez aux élèves ce qu’est un droit, puis
   lisez ensemble l’article 19 de la Déclaration : « Tout individu a droit à la liberté
   d’opinion et d’expression. » Qu’arrive-t-il quand ce droit n’est pas respecté ?
2. **Quinze minutes de lecture.** Par groupes de trois ou quatre, chaque groupe lit la fiche
   d’une personne (les fiches pour les 10–14 ans sont plus courtes). Chaque groupe présente
   en une minute : qui est-elle, que lui arrive-t-il, que demandons-nous ?
3. **Vingt minutes d’écriture.** Chacun recopie ou adapte la lettre type à l’autorité, ou
   écrit une carte de soutien. Les plus jeunes peuvent écrire à deux et décorer la carte.
4. **Cinq minutes pour conclure.** Rassemblez lettres et cartes dans l’enveloppe retour.
   Demandez aux élèves ce qu’ils ont ressenti en écrivant.

### Questions pour la discussion

- Pourquoi une lettre venue de Belgique peut-elle compter pour une personne emprisonnée
  à l’autre bout du monde ?
- Qu’est-ce qui rend une lettre convaincante ? Qu’est-ce qui pourrait la rendre inutile ?
- Avez-vous déjà eu peur de dire ce que vous pensez ? Qu’est-ce qui vous a aidé ?

### Conseils d’écriture

- Restez poli et respectueux : la lettre est lue par des personnes qui peuvent décider.
- Écrivez à la main si possible : une lettre manuscrite se remarque.
- Sur les cartes de soutien, parlez de vous, de votre école, de ce qui vous plaît : ni
  d’accusations ni de politique, pour ne pas mettre la personne en danger.

### Prendre soin des élèves

Certaines histoires sont dures. Laissez aux élèves le choix de la personne pour qui ils
écrivent, et rappelez que de nombreuses personnes défendues les années précédentes ont été
libérées : c’est le sens du marathon.

Après votre marathon, nous vous enverrons un lien pour nous dire combien de lettres et de
cartes la classe a écrites : vos chiffres rejoignent les résultats.
"""

# The fact sheets for pupils of 10 to 14 (Case.young_summary): short, plain, true to the seed.
YOUNG_SUMMARIES = {
    "bernardo-caal-xol": (
        "Bernardo est instituteur au Guatemala. Il appartient au peuple maya q’eqchi. Quand une "
        "entreprise a construit des barrages sur le fleuve Cahabón, sacré pour sa communauté, il "
        "a protesté sans violence. Pour cela, il a été mis en prison. Nous demandons qu’il soit "
        "libéré."
    ),
    "ciham-ali-ahmed": (
        "Ciham avait 15 ans quand elle a été arrêtée en Érythrée, en essayant de quitter le pays. "
        "C’était en 2012. Depuis, personne ne sait où elle est : sa famille n’a aucune nouvelle. "
        "Elle n’a jamais eu de procès. Nous demandons de savoir où elle est, et qu’elle soit libérée."
    ),
    "janna-jihad": (
        "Janna vit dans les territoires palestiniens occupés. Dès 7 ans, elle a commencé à filmer "
        "ce qui se passe autour d’elle, pour le montrer au monde. À cause de ses vidéos, elle "
        "reçoit des menaces. Nous demandons qu’elle soit protégée et puisse continuer à informer."
    ),
    "imoleayo-adeyeun-michael": (
        "Imoleayo est un jeune informaticien au Nigeria. Il a soutenu un grand mouvement contre "
        "la violence de la police, sur internet et dans la rue, sans violence. Il a été arrêté "
        "et risque la prison. Nous demandons que les accusations contre lui soient abandonnées."
    ),
    "mohamed-baker": (
        "Mohamed est avocat en Égypte : il aide les personnes qui n’ont pas les moyens de se "
        "défendre. Un jour, il est venu défendre un client au poste de police… et il a été arrêté "
        "à son tour. Nous demandons qu’il soit libéré."
    ),
    "zhang-zhan": (
        "Zhang Zhan est allée à Wuhan, en Chine, au tout début du covid-19. Elle a filmé et "
        "raconté ce qu’elle voyait, pour que tout le monde sache. Pour cela, elle a été mise en "
        "prison et sa santé est en danger. Nous demandons qu’elle soit libérée."
    ),
    "mikita-zalatarou": (
        "Mikita aimait le rap et les jeux vidéo. Au Bélarus, à 16 ans, il a été arrêté après une "
        "manifestation, frappé et interrogé sans avocat. Il a été condamné à cinq ans de prison. "
        "Nous demandons qu’il soit libéré."
    ),
    "wendy-galarza": (
        "Wendy vit au Mexique. Pendant une manifestation pour les droits des femmes, la police a "
        "tiré et elle a été blessée. Elle demande que les responsables soient jugés, mais "
        "l’enquête n’avance pas. Nous demandons la justice pour Wendy."
    ),
    "sphere-ukraine": (
        "Anna et Vira ont créé une association en Ukraine pour que les femmes et les personnes "
        "LGBTI aient un endroit où se sentir en sécurité. Elles sont souvent attaquées, et la "
        "police ne les protège pas. Nous demandons qu’elles soient protégées."
    ),
    "panusaya-sithijirawattanakul": (
        "Rung est étudiante en Thaïlande et joue du violon. Elle était timide, mais elle a pris "
        "la parole pour demander plus de démocratie. Pour ses discours, elle risque la prison "
        "à vie. Nous demandons que les poursuites contre elle soient abandonnées."
    ),
}
