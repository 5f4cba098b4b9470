"""Other wordings of the texts LinkedIn may phrase differently, per language; a member's draw picks one.

Wording 0 is always the text in sandbox/i18n.py (or i18n_more.py); the alternatives below are 1, 2, ... Where a
draw's index is past a language's list it wraps around. Only the switch label's English wording is confirmed
(LINKEDIN.md); every alternative keeps the meaning a person would read.
"""

from __future__ import annotations

from sandbox import i18n
from sandbox.draws import Draw

# text key -> the Draw field that picks its wording
DRAWN_BY = {
    "genai_title": "genai_title", "genai_question": "genai_question", "genai_label": "genai_label",
    "partners_title": "partners_title", "partners_question": "partners_question",
    "partners_label": "partners_label",
    **{key: "form_labels" for key in ("first_name", "last_name", "email", "request_type", "objection_type",
                                      "addl_info", "category", "subcategory", "country", "details", "signature",
                                      "alternate_email")},
}

ALTERNATIVES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "genai_title": ("Data for generative AI improvement", "Generative AI data"),
        "genai_question": ("Allow LinkedIn and its affiliates to use your personal data and the content you create "
                           "on LinkedIn to train generative AI models that create content?",
                           "Should we use your data and content to train the AI models that generate content?"),
        "genai_label": ("Use my data to train content-creating AI models",
                        "Allow use of my data for training generative AI models",
                        "Data for training content creation AI models"),
        "partners_title": ("Share data with affiliates and partners", "Data sharing with select partners"),
        "partners_question": ("Allow LinkedIn to share your personal data with affiliates and select partners "
                              "such as Microsoft for advertising?",
                              "Should we share your data with our affiliates and select partners to show you ads?"),
        "partners_label": ("Share my data with affiliates and partners",
                           "Allow sharing my data with select partners",
                           "Data sharing with affiliates and select partners"),
        "first_name": ("First Name", "Given name"),
        "last_name": ("Last Name", "Family name"),
        "email": ("Email address", "Your email"),
        "request_type": ("Type of request", "Request type"),
        "objection_type": ("What do you object to?", "Objection"),
        "addl_info": ("Tell us more (optional)", "Details (optional)"),
        "category": ("Topic", "What is your request about?"),
        "subcategory": ("Specific request", "Choose your request"),
        "country": ("Country/Region of residence", "Where do you live?"),
        "details": ("Details of your request", "Describe your request"),
        "signature": ("Digital signature (type your full name)", "Signature"),
        "alternate_email": ("Alternate email address (optional)", "Another email to reach you (optional)"),
    },
    "de": {
        "genai_title": ("Daten für generative KI", "Daten zur Verbesserung von generativer KI"),
        "genai_question": ("Dürfen LinkedIn und verbundene Unternehmen Ihre Daten und Inhalte verwenden, um "
                           "KI-Modelle zu trainieren, die Inhalte generieren?",
                           "Sollen wir Ihre Daten zum Training von KI-Modellen nutzen, die Inhalte erstellen?"),
        "genai_label": ("Meine Daten zum Trainieren von KI-Modellen verwenden, die Inhalte erstellen",
                        "Nutzung meiner Daten für das Training generativer KI-Modelle zulassen",
                        "Daten für das Training von KI-Modellen zur Inhaltserstellung"),
        "partners_title": ("Daten mit verbundenen Unternehmen und Partnern teilen",
                           "Datenweitergabe an ausgewählte Partner"),
        "partners_question": ("Darf LinkedIn Ihre Daten für Werbung an verbundene Unternehmen und ausgewählte "
                              "Partner wie Microsoft weitergeben?",
                              "Sollen wir Ihre Daten mit Partnern teilen, um Ihnen Anzeigen zu zeigen?"),
        "partners_label": ("Meine Daten mit verbundenen Unternehmen und Partnern teilen",
                           "Weitergabe meiner Daten an ausgewählte Partner zulassen",
                           "Datenweitergabe an verbundene Unternehmen und ausgewählte Partner"),
        "first_name": ("Vorname (Rufname)", "Ihr Vorname"),
        "last_name": ("Familienname", "Ihr Nachname"),
        "email": ("E-Mail-Adresse", "Ihre E-Mail-Adresse"),
        "request_type": ("Art der Anfrage", "Anliegen"),
        "objection_type": ("Wogegen widersprechen Sie?", "Widerspruch"),
        "addl_info": ("Weitere Angaben (optional)", "Details (optional)"),
        "category": ("Thema",), "subcategory": ("Konkretes Anliegen",), "country": ("Wohnsitzland",),
        "details": ("Einzelheiten Ihrer Anfrage",), "signature": ("Unterschrift (vollständiger Name)",),
        "alternate_email": ("Weitere E-Mail-Adresse (optional)",),
    },
    "fr": {
        "genai_title": ("Données pour l'IA générative", "Amélioration de l'IA générative : vos données"),
        "genai_question": ("LinkedIn et ses sociétés affiliées peuvent-ils utiliser vos données et contenus pour "
                           "entraîner des modèles d'IA qui génèrent du contenu ?",
                           "Devons-nous utiliser vos données pour entraîner les modèles d'IA qui créent du contenu ?"),
        "genai_label": ("Utiliser mes données pour entraîner des modèles d'IA qui créent du contenu",
                        "Autoriser l'utilisation de mes données pour entraîner des modèles d'IA générative",
                        "Données pour l'entraînement des modèles d'IA de création de contenu"),
        "partners_title": ("Partager des données avec les sociétés affiliées et les partenaires",
                           "Partage de données avec des partenaires sélectionnés"),
        "partners_question": ("LinkedIn peut-il partager vos données avec ses sociétés affiliées et des partenaires "
                              "comme Microsoft à des fins publicitaires ?",
                              "Devons-nous partager vos données avec nos partenaires pour vous montrer des "
                              "publicités ?"),
        "partners_label": ("Partager mes données avec les sociétés affiliées et les partenaires",
                           "Autoriser le partage de mes données avec des partenaires sélectionnés",
                           "Partage de données avec les sociétés affiliées et des partenaires sélectionnés"),
        "first_name": ("Votre prénom", "Prénom usuel"),
        "last_name": ("Nom de famille", "Votre nom"),
        "email": ("Adresse e-mail", "Votre e-mail"),
        "request_type": ("Type de demande", "Objet de la demande"),
        "objection_type": ("À quoi vous opposez-vous ?", "Opposition"),
        "addl_info": ("Précisions (facultatif)", "Détails (facultatif)"),
        "category": ("Sujet",), "subcategory": ("Demande précise",), "country": ("Pays où vous résidez",),
        "details": ("Détails de votre demande",), "signature": ("Signature (nom complet)",),
        "alternate_email": ("Adresse e-mail secondaire (facultatif)",),
    },
    "es": {
        "genai_title": ("Datos para la IA generativa", "Mejora de la IA generativa: tus datos"),
        "genai_question": ("¿Pueden LinkedIn y sus filiales usar tus datos y contenido para entrenar modelos de IA "
                           "que generan contenido?",
                           "¿Debemos usar tus datos para entrenar los modelos de IA que crean contenido?"),
        "genai_label": ("Usar mis datos para entrenar modelos de IA que crean contenido",
                        "Permitir el uso de mis datos para entrenar modelos de IA generativa",
                        "Datos para entrenar modelos de IA de creación de contenido"),
        "partners_title": ("Compartir datos con filiales y socios", "Compartir datos con socios seleccionados"),
        "partners_question": ("¿Puede LinkedIn compartir tus datos con sus filiales y socios como Microsoft con "
                              "fines publicitarios?",
                              "¿Debemos compartir tus datos con nuestros socios para mostrarte anuncios?"),
        "partners_label": ("Compartir mis datos con filiales y socios",
                           "Permitir compartir mis datos con socios seleccionados",
                           "Datos compartidos con filiales y socios seleccionados"),
        "first_name": ("Tu nombre", "Nombre de pila"),
        "last_name": ("Tus apellidos", "Apellido"),
        "email": ("Dirección de correo electrónico", "Tu email"),
        "request_type": ("Tipo de solicitud", "Motivo de la solicitud"),
        "objection_type": ("¿A qué te opones?", "Oposición"),
        "addl_info": ("Cuéntanos más (opcional)", "Detalles (opcional)"),
        "category": ("Tema",), "subcategory": ("Solicitud concreta",), "country": ("País donde resides",),
        "details": ("Detalles de tu solicitud",), "signature": ("Firma (nombre completo)",),
        "alternate_email": ("Otro email de contacto (opcional)",),
    },
    "it": {
        "genai_title": ("Dati per l'IA generativa", "Miglioramento dell'IA generativa: i tuoi dati"),
        "genai_question": ("LinkedIn e le sue affiliate possono usare i tuoi dati e contenuti per addestrare "
                           "modelli di IA che generano contenuti?",
                           "Dobbiamo usare i tuoi dati per addestrare i modelli di IA che creano contenuti?"),
        "genai_label": ("Usa i miei dati per addestrare modelli di IA che creano contenuti",
                        "Consenti l'uso dei miei dati per addestrare modelli di IA generativa",
                        "Dati per l'addestramento di modelli di IA per la creazione di contenuti"),
        "partners_title": ("Condividi i dati con affiliate e partner", "Condivisione dei dati con partner selezionati"),
        "partners_question": ("LinkedIn può condividere i tuoi dati con affiliate e partner come Microsoft per la "
                              "pubblicità?",
                              "Dobbiamo condividere i tuoi dati con i nostri partner per mostrarti annunci?"),
        "partners_label": ("Condividi i miei dati con affiliate e partner",
                           "Consenti la condivisione dei miei dati con partner selezionati",
                           "Condivisione dei dati con affiliate e partner selezionati"),
        "first_name": ("Il tuo nome", "Nome di battesimo"),
        "last_name": ("Il tuo cognome", "Cognome di famiglia"),
        "email": ("Indirizzo email", "La tua email"),
        "request_type": ("Tipo di richiesta", "Oggetto della richiesta"),
        "objection_type": ("A cosa ti opponi?", "Opposizione"),
        "addl_info": ("Dicci di più (facoltativo)", "Dettagli (facoltativo)"),
        "category": ("Argomento",), "subcategory": ("Richiesta specifica",), "country": ("Paese in cui risiedi",),
        "details": ("Dettagli della richiesta",), "signature": ("Firma (nome completo)",),
        "alternate_email": ("Altra email di contatto (facoltativo)",),
    },
    "nl": {
        "genai_title": ("Gegevens voor generatieve AI", "Verbetering van generatieve AI: je gegevens"),
        "genai_question": ("Mogen LinkedIn en gelieerde ondernemingen je gegevens en content gebruiken om AI-modellen "
                           "te trainen die content genereren?",
                           "Mogen we je gegevens gebruiken om de AI-modellen te trainen die content maken?"),
        "genai_label": ("Mijn gegevens gebruiken om AI-modellen te trainen die content maken",
                        "Gebruik van mijn gegevens voor het trainen van generatieve AI-modellen toestaan",
                        "Gegevens voor het trainen van AI-modellen voor het maken van content"),
        "partners_title": ("Gegevens delen met gelieerde ondernemingen en partners",
                           "Gegevens delen met geselecteerde partners"),
        "partners_question": ("Mag LinkedIn je gegevens voor advertenties delen met gelieerde ondernemingen en "
                              "partners zoals Microsoft?",
                              "Mogen we je gegevens delen met onze partners om je advertenties te tonen?"),
        "partners_label": ("Mijn gegevens delen met gelieerde ondernemingen en partners",
                           "Delen van mijn gegevens met geselecteerde partners toestaan",
                           "Gegevens delen met gelieerde ondernemingen en geselecteerde partners"),
        "first_name": ("Je voornaam", "Roepnaam"),
        "last_name": ("Je achternaam", "Familienaam"),
        "email": ("E-mail", "Je e-mailadres"),
        "request_type": ("Soort verzoek", "Type verzoek"),
        "objection_type": ("Waartegen maak je bezwaar?", "Bezwaar"),
        "addl_info": ("Vertel ons meer (optioneel)", "Details (optioneel)"),
        "category": ("Onderwerp",), "subcategory": ("Specifiek verzoek",), "country": ("Land waar je woont",),
        "details": ("Details van je verzoek",), "signature": ("Handtekening (volledige naam)",),
        "alternate_email": ("Ander e-mailadres (optioneel)",),
    },
    "pt": {
        "genai_title": ("Dados para a IA generativa", "Aprimoramento da IA generativa: seus dados"),
        "genai_question": ("O LinkedIn e suas afiliadas podem usar seus dados e conteúdo para treinar modelos de IA "
                           "que geram conteúdo?",
                           "Devemos usar seus dados para treinar os modelos de IA que criam conteúdo?"),
        "genai_label": ("Usar meus dados para treinar modelos de IA que criam conteúdo",
                        "Permitir o uso dos meus dados para treinar modelos de IA generativa",
                        "Dados para treinamento de modelos de IA de criação de conteúdo"),
        "partners_title": ("Compartilhar dados com afiliadas e parceiros",
                           "Compartilhamento de dados com parceiros selecionados"),
        "partners_question": ("O LinkedIn pode compartilhar seus dados com afiliadas e parceiros como a Microsoft "
                              "para publicidade?",
                              "Devemos compartilhar seus dados com nossos parceiros para mostrar anúncios?"),
        "partners_label": ("Compartilhar meus dados com afiliadas e parceiros",
                           "Permitir o compartilhamento dos meus dados com parceiros selecionados",
                           "Compartilhamento de dados com afiliadas e parceiros selecionados"),
        "first_name": ("Seu nome", "Primeiro nome"),
        "last_name": ("Seu sobrenome", "Último nome"),
        "email": ("Endereço de e-mail", "Seu e-mail"),
        "request_type": ("Tipo de solicitação", "Assunto da solicitação"),
        "objection_type": ("A que você se opõe?", "Oposição"),
        "addl_info": ("Conte mais (opcional)", "Detalhes (opcional)"),
        "category": ("Assunto",), "subcategory": ("Solicitação específica",), "country": ("País onde você mora",),
        "details": ("Detalhes da sua solicitação",), "signature": ("Assinatura (nome completo)",),
        "alternate_email": ("Outro e-mail para contato (opcional)",),
    },
    "pl": {
        "genai_title": ("Dane dla generatywnej AI", "Ulepszanie generatywnej AI: Twoje dane"),
        "genai_question": ("Czy LinkedIn i podmioty powiązane mogą używać Twoich danych i treści do trenowania "
                           "modeli AI generujących treści?",
                           "Czy mamy używać Twoich danych do trenowania modeli AI, które tworzą treści?"),
        "genai_label": ("Używaj moich danych do trenowania modeli AI, które tworzą treści",
                        "Zezwalaj na używanie moich danych do trenowania modeli generatywnej AI",
                        "Dane do trenowania modeli AI tworzących treści"),
        "partners_title": ("Udostępnianie danych podmiotom powiązanym i partnerom",
                           "Udostępnianie danych wybranym partnerom"),
        "partners_question": ("Czy LinkedIn może udostępniać Twoje dane podmiotom powiązanym i partnerom, takim jak "
                              "Microsoft, w celach reklamowych?",
                              "Czy mamy udostępniać Twoje dane partnerom, aby wyświetlać Ci reklamy?"),
        "partners_label": ("Udostępniaj moje dane podmiotom powiązanym i partnerom",
                           "Zezwalaj na udostępnianie moich danych wybranym partnerom",
                           "Udostępnianie danych podmiotom powiązanym i wybranym partnerom"),
        "first_name": ("Twoje imię", "Imię (pierwsze)"),
        "last_name": ("Twoje nazwisko", "Nazwisko rodowe"),
        "email": ("E-mail", "Twój adres e-mail"),
        "request_type": ("Rodzaj żądania", "Czego dotyczy żądanie?"),
        "objection_type": ("Czemu się sprzeciwiasz?", "Sprzeciw"),
        "addl_info": ("Napisz więcej (opcjonalnie)", "Szczegóły (opcjonalnie)"),
        "category": ("Temat",), "subcategory": ("Konkretne żądanie",), "country": ("Kraj, w którym mieszkasz",),
        "details": ("Szczegóły żądania",), "signature": ("Podpis (imię i nazwisko)",),
        "alternate_email": ("Inny adres e-mail do kontaktu (opcjonalnie)",),
    },
}


def wordings(language: str, key: str) -> tuple[str, ...]:
    """Every wording of `key` in `language`, today's first."""
    return (i18n.text(language, key), *ALTERNATIVES.get(language, {}).get(key, ()))


def pick(language: str, key: str, chosen: Draw) -> str:
    """The wording of `key` this member's draw picked."""
    field = DRAWN_BY.get(key)
    index = getattr(chosen, field) if field else 0
    if not index:
        return i18n.text(language, key)
    options = wordings(language, key)
    return options[index % len(options)]
