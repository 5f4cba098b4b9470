"""The texts the flows look for, in every supported LinkedIn UI language (a member's UI is often not English).

Texts are the last resort of a locator: stable ids and aria hooks are tried first. Where LinkedIn's own wording
in a language is unconfirmed, these are careful translations (the sandbox's pages use the same), and a miss
shows up in `optout probe` with the locator's name.
"""

from __future__ import annotations

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl")

GENAI_SWITCH = {
    "en": "Use my data for training content creation AI models",
    "de": "Meine Daten für das Training von KI-Modellen zur Erstellung von Inhalten verwenden",
    "fr": "Utiliser mes données pour entraîner des modèles d'IA de création de contenu",
    "es": "Usar mis datos para entrenar modelos de IA de creación de contenido",
    "it": "Usa i miei dati per addestrare modelli di IA per la creazione di contenuti",
    "nl": "Mijn gegevens gebruiken voor het trainen van AI-modellen voor het maken van content",
    "pt": "Usar meus dados para treinar modelos de IA de criação de conteúdo",
    "pl": "Używaj moich danych do trenowania modeli AI tworzących treści",
}
PARTNERS_SWITCH = {
    "en": "Share my data with affiliates and select partners",
    "de": "Meine Daten mit verbundenen Unternehmen und ausgewählten Partnern teilen",
    "fr": "Partager mes données avec les sociétés affiliées et des partenaires sélectionnés",
    "es": "Compartir mis datos con filiales y socios seleccionados",
    "it": "Condividi i miei dati con affiliate e partner selezionati",
    "nl": "Mijn gegevens delen met gelieerde ondernemingen en geselecteerde partners",
    "pt": "Compartilhar meus dados com afiliadas e parceiros selecionados",
    "pl": "Udostępniaj moje dane podmiotom powiązanym i wybranym partnerom",
}
NOT_APPLICABLE = {
    "en": "This setting doesn't apply in your region.",
    "de": "Diese Einstellung gilt nicht in Ihrer Region.",
    "fr": "Ce paramètre ne s'applique pas dans votre région.",
    "es": "Esta configuración no se aplica en tu región.",
    "it": "Questa impostazione non si applica nella tua regione.",
    "nl": "Deze instelling is niet van toepassing in je regio.",
    "pt": "Esta configuração não se aplica à sua região.",
    "pl": "To ustawienie nie dotyczy Twojego regionu.",
}
FORM_TITLE = {
    "en": "Data Processing Objection Form",
    "de": "Formular für Widersprüche gegen die Datenverarbeitung",
    "fr": "Formulaire d'opposition au traitement des données",
    "es": "Formulario de oposición al tratamiento de datos",
    "it": "Modulo di opposizione al trattamento dei dati",
    "nl": "Formulier voor bezwaar tegen gegevensverwerking",
    "pt": "Formulário de oposição ao tratamento de dados",
    "pl": "Formularz sprzeciwu wobec przetwarzania danych",
}
FIRST_NAME = {"en": "First name", "de": "Vorname", "fr": "Prénom", "es": "Nombre", "it": "Nome", "nl": "Voornaam",
              "pt": "Nome", "pl": "Imię"}
LAST_NAME = {"en": "Last name", "de": "Nachname", "fr": "Nom", "es": "Apellidos", "it": "Cognome",
             "nl": "Achternaam", "pt": "Sobrenome", "pl": "Nazwisko"}
EMAIL = {"en": "Email", "de": "E-Mail", "fr": "E-mail", "es": "Correo electrónico", "it": "Email",
         "nl": "E-mailadres", "pt": "E-mail", "pl": "Adres e-mail"}
REQUEST_TYPE = {
    "en": "What would you like to do?",
    "de": "Was möchten Sie tun?",
    "fr": "Que souhaitez-vous faire ?",
    "es": "¿Qué te gustaría hacer?",
    "it": "Cosa desideri fare?",
    "nl": "Wat wil je doen?",
    "pt": "O que você gostaria de fazer?",
    "pl": "Co chcesz zrobić?",
}
OBJECTION_TYPE = {"en": "Type of objection", "de": "Art des Widerspruchs", "fr": "Type d'opposition",
                  "es": "Tipo de oposición", "it": "Tipo di opposizione", "nl": "Type bezwaar",
                  "pt": "Tipo de oposição", "pl": "Rodzaj sprzeciwu"}
OBJECTION_REQUEST = {
    "en": "Objection or restriction request",
    "de": "Widerspruch oder Antrag auf Einschränkung",
    "fr": "Demande d'opposition ou de limitation",
    "es": "Solicitud de oposición o limitación",
    "it": "Richiesta di opposizione o limitazione",
    "nl": "Verzoek om bezwaar of beperking",
    "pt": "Solicitação de oposição ou restrição",
    "pl": "Żądanie sprzeciwu lub ograniczenia",
}
OBJECT_TO_AI_TRAINING = {
    "en": "Object to processing for training content-generating AI models",
    "de": "Widerspruch gegen die Verarbeitung zum Training von KI-Modellen zur Erstellung von Inhalten",
    "fr": "M'opposer au traitement pour l'entraînement de modèles d'IA générant du contenu",
    "es": "Oponerme al tratamiento para entrenar modelos de IA que generan contenido",
    "it": "Oppormi al trattamento per l'addestramento di modelli di IA che generano contenuti",
    "nl": "Bezwaar maken tegen verwerking voor het trainen van AI-modellen die content genereren",
    "pt": "Opor-me ao tratamento para treinar modelos de IA que geram conteúdo",
    "pl": "Sprzeciw wobec przetwarzania w celu trenowania modeli AI generujących treści",
}
OBJECT_TO_PERSONALIZATION = {
    "en": "Object to processing for personalization and other machine learning",
    "de": "Widerspruch gegen die Verarbeitung für Personalisierung und anderes maschinelles Lernen",
    "fr": "M'opposer au traitement pour la personnalisation et d'autres formes d'apprentissage automatique",
    "es": "Oponerme al tratamiento para personalización y otros tipos de aprendizaje automático",
    "it": "Oppormi al trattamento per la personalizzazione e altri tipi di apprendimento automatico",
    "nl": "Bezwaar maken tegen verwerking voor personalisatie en andere vormen van machine learning",
    "pt": "Opor-me ao tratamento para personalização e outros tipos de aprendizado de máquina",
    "pl": "Sprzeciw wobec przetwarzania w celu personalizacji i innego uczenia maszynowego",
}
SUBMIT = {"en": "Submit", "de": "Senden", "fr": "Envoyer", "es": "Enviar", "it": "Invia", "nl": "Verzenden",
          "pt": "Enviar", "pl": "Wyślij"}
CASE_NUMBER_IS = {
    "en": "Your case number is",
    "de": "Ihre Fallnummer lautet",
    "fr": "Votre numéro de dossier est",
    "es": "Tu número de caso es",
    "it": "Il numero della tua richiesta è",
    "nl": "Je casenummer is",
    "pt": "O número do seu caso é",
    "pl": "Numer Twojego zgłoszenia to",
}
NO_CASES = {
    "en": "You have no cases.",
    "de": "Sie haben keine Fälle.",
    "fr": "Vous n'avez aucune demande.",
    "es": "No tienes casos.",
    "it": "Non hai richieste.",
    "nl": "Je hebt geen cases.",
    "pt": "Você não tem casos.",
    "pl": "Nie masz żadnych zgłoszeń.",
}
COOKIE_REJECT = {"en": "Reject", "de": "Ablehnen", "fr": "Refuser", "es": "Rechazar", "it": "Rifiuta",
                 "nl": "Weigeren", "pt": "Recusar", "pl": "Odrzuć"}
COOKIE_ACCEPT = {"en": "Accept", "de": "Akzeptieren", "fr": "Accepter", "es": "Aceptar", "it": "Accetta",
                 "nl": "Accepteren", "pt": "Aceitar", "pl": "Akceptuj"}
PAGE_MISSING = {"en": "This page doesn't exist", "de": "Diese Seite existiert nicht",
                "fr": "Cette page n'existe pas", "es": "Esta página no existe", "it": "Questa pagina non esiste",
                "nl": "Deze pagina bestaat niet", "pt": "Esta página não existe", "pl": "Ta strona nie istnieje"}
GENAI_TITLE = {
    "en": "Data for Generative AI Improvement",
    "de": "Daten zur Verbesserung generativer KI",
    "fr": "Données pour l'amélioration de l'IA générative",
    "es": "Datos para mejorar la IA generativa",
    "it": "Dati per il miglioramento dell'IA generativa",
    "nl": "Gegevens voor verbetering van generatieve AI",
    "pt": "Dados para aprimoramento da IA generativa",
    "pl": "Dane do ulepszania generatywnej AI",
}
PARTNERS_TITLE = {
    "en": "Data sharing with affiliates and select partners",
    "de": "Datenweitergabe an verbundene Unternehmen und ausgewählte Partner",
    "fr": "Partage de données avec les sociétés affiliées et des partenaires sélectionnés",
    "es": "Compartir datos con filiales y socios seleccionados",
    "it": "Condivisione dei dati con affiliate e partner selezionati",
    "nl": "Gegevens delen met gelieerde ondernemingen en geselecteerde partners",
    "pt": "Compartilhamento de dados com afiliadas e parceiros selecionados",
    "pl": "Udostępnianie danych podmiotom powiązanym i wybranym partnerom",
}
VIEW_CASE = {"en": "View case", "de": "Fall anzeigen", "fr": "Voir la demande", "es": "Ver caso",
             "it": "Visualizza richiesta", "nl": "Case bekijken", "pt": "Ver caso", "pl": "Zobacz zgłoszenie"}
PRIMARY = {"en": "Primary", "de": "Primär", "fr": "Principal", "es": "Principal", "it": "Principale",
           "nl": "Primair", "pt": "Principal", "pl": "Podstawowy"}
DETAILS = {
    "ai-training": "I object to the processing of my personal data, including the content I create on LinkedIn, "
                   "for training content-generating AI models (GDPR Article 21).",
    "personalization-ml": "I object to the processing of my personal data for personalisation and other machine "
                          "learning, beyond what is needed to provide the service (GDPR Article 21).",
}
"""What the form's "details" box says when the member gave no text of their own (`--details`)."""
SWITCH_OFF = {"en": "Off", "de": "Aus", "fr": "Désactivé", "es": "Desactivado", "it": "Disattivato", "nl": "Uit",
              "pt": "Desativado", "pl": "Wyłączone"}
SWITCH_ON = {"en": "On", "de": "An", "fr": "Activé", "es": "Activado", "it": "Attivato", "nl": "Aan",
             "pt": "Ativado", "pl": "Włączone"}
AI_TRAINING_WORDS = ("train generative AI", "generative AI training", "content-generating AI", "AI training",
                     "KI-Training", "generative KI", "IA générative", "IA generativa", "IA generativa",
                     "generatieve AI", "generatywna AI", "generatywnej AI", "AI generativa")
PERSONALIZATION_WORDS = ("personalisation", "personalization", "profiling", "machine learning", "Personalisierung",
                         "maschinelles Lernen", "Profiling", "personnalisation", "profilage",
                         "apprentissage automatique", "personalización", "aprendizaje automático",
                         "elaboración de perfiles", "personalizzazione", "apprendimento automatico", "profilazione",
                         "personalisatie", "profilering", "personalização", "aprendizado de máquina",
                         "personalizacja", "profilowanie", "uczenie maszynowe")
"""Shorter ways LinkedIn may name each objection (a case's subject, an option reworded): believed only beside
a word that says it is an objection (OBJECTION_WORDS)."""
OBJECTION_WORDS = ("object", "objection", "widerspruch", "widersprechen", "opposition", "opposer", "oposición",
                   "oponer", "opposizione", "oppormi", "bezwaar", "oposição", "opor", "sprzeciw")


def _texts(en: str, de: str, fr: str, es: str, it: str, nl: str, pt: str, pl: str) -> dict[str, str]:
    return dict(zip(LANGUAGES, (en, de, fr, es, it, nl, pt, pl), strict=True))


_PROMOTIONS = _texts("LinkedIn promotions", "Werbung für LinkedIn", "Promotions de LinkedIn",
                     "Promociones de LinkedIn", "Promozioni di LinkedIn", "LinkedIn-promoties",
                     "Promoções do LinkedIn", "Promocje LinkedIn")
SETTING_TITLES = {
    "research-sharing": _texts(
        "Social, economic and workplace research", "Sozial-, Wirtschafts- und Arbeitsplatzforschung",
        "Recherche sociale, économique et sur le travail", "Investigación social, económica y laboral",
        "Ricerca sociale, economica e sul lavoro", "Sociaal, economisch en arbeidsmarktonderzoek",
        "Pesquisa social, econômica e sobre o trabalho", "Badania społeczne, ekonomiczne i dotyczące pracy"),
    "promotions-ads": _PROMOTIONS,
    "promotions-email": _PROMOTIONS,
    "ads-by-age": _texts(
        "Ads based on your age", "Anzeigen basierend auf Ihrem Alter", "Publicités basées sur votre âge",
        "Anuncios basados en tu edad", "Annunci basati sulla tua età", "Advertenties op basis van je leeftijd",
        "Anúncios com base na sua idade", "Reklamy na podstawie Twojego wieku"),
    "ads-by-gender": _texts(
        "Ads based on your gender", "Anzeigen basierend auf Ihrem Geschlecht", "Publicités basées sur votre genre",
        "Anuncios basados en tu género", "Annunci basati sul tuo genere", "Advertenties op basis van je geslacht",
        "Anúncios com base no seu gênero", "Reklamy na podstawie Twojej płci"),
    "ads-beyond-linkedin": _texts(
        "Ads beyond LinkedIn", "Anzeigen außerhalb von LinkedIn", "Publicités en dehors de LinkedIn",
        "Anuncios fuera de LinkedIn", "Annunci al di fuori di LinkedIn", "Advertenties buiten LinkedIn",
        "Anúncios fora do LinkedIn", "Reklamy poza LinkedIn"),
    "ads-third-party-data": _texts(
        "Interactions with businesses", "Interaktionen mit Unternehmen", "Interactions avec les entreprises",
        "Interacciones con empresas", "Interazioni con le aziende", "Interacties met bedrijven",
        "Interações com empresas", "Interakcje z firmami"),
    "ads-conversion-tracking": _texts(
        "Ad-related actions", "Anzeigenbezogene Aktionen", "Actions liées aux publicités",
        "Acciones relacionadas con anuncios", "Azioni relative agli annunci", "Advertentiegerelateerde acties",
        "Ações relacionadas a anúncios", "Działania związane z reklamami"),
    "ads-inferred-location": _texts(
        "Inferred city location", "Abgeleiteter Standort", "Ville déduite", "Ubicación de ciudad deducida",
        "Città dedotta", "Afgeleide woonplaats", "Cidade inferida", "Wywnioskowana lokalizacja"),
    "ads-interests": _texts(
        "Interest categories", "Interessenkategorien", "Catégories d'intérêts", "Categorías de intereses",
        "Categorie di interessi", "Interessecategorieën", "Categorias de interesse", "Kategorie zainteresowań"),
    "non-essential-cookies": _texts(
        "Cookie preferences", "Cookie-Einstellungen", "Préférences en matière de cookies",
        "Preferencias de cookies", "Preferenze sui cookie", "Cookievoorkeuren", "Preferências de cookies",
        "Preferencje dotyczące plików cookie"),
}
"""The title of each new setting's page (the link text on its Settings category page), per language."""
SETTING_LABELS = {
    "research-sharing": _texts(
        "Use my data for social, economic and workplace research",
        "Meine Daten für Sozial-, Wirtschafts- und Arbeitsplatzforschung verwenden",
        "Utiliser mes données pour la recherche sociale, économique et sur le travail",
        "Usar mis datos para investigación social, económica y laboral",
        "Usa i miei dati per la ricerca sociale, economica e sul lavoro",
        "Mijn gegevens gebruiken voor sociaal, economisch en arbeidsmarktonderzoek",
        "Usar meus dados para pesquisa social, econômica e sobre o trabalho",
        "Używaj moich danych do badań społecznych, ekonomicznych i dotyczących pracy"),
    "promotions-ads": _texts(
        "Use my profile and activity data to show me ads for LinkedIn's products",
        "Meine Profil- und Aktivitätsdaten verwenden, um mir Anzeigen für LinkedIn-Produkte zu zeigen",
        "Utiliser mes données de profil et d'activité pour m'afficher des publicités pour les produits LinkedIn",
        "Usar mis datos de perfil y actividad para mostrarme anuncios de productos de LinkedIn",
        "Usa i dati del mio profilo e delle mie attività per mostrarmi annunci dei prodotti LinkedIn",
        "Mijn profiel- en activiteitsgegevens gebruiken om me advertenties voor LinkedIn-producten te tonen",
        "Usar meus dados de perfil e atividade para me mostrar anúncios de produtos do LinkedIn",
        "Używaj danych mojego profilu i aktywności, aby pokazywać mi reklamy produktów LinkedIn"),
    "promotions-email": _texts(
        "Send me tips for using LinkedIn by email", "Mir Tipps zur Nutzung von LinkedIn per E-Mail senden",
        "M'envoyer des conseils d'utilisation de LinkedIn par e-mail",
        "Enviarme consejos para usar LinkedIn por correo electrónico",
        "Inviami consigli sull'uso di LinkedIn via email", "Stuur me tips voor het gebruik van LinkedIn per e-mail",
        "Enviar-me dicas de uso do LinkedIn por e-mail",
        "Wysyłaj mi e-mailem wskazówki dotyczące korzystania z LinkedIn"),
    "ads-by-age": _texts(
        "Use my age range to show me ads", "Meine Altersgruppe verwenden, um mir Anzeigen zu zeigen",
        "Utiliser ma tranche d'âge pour m'afficher des publicités", "Usar mi rango de edad para mostrarme anuncios",
        "Usa la mia fascia d'età per mostrarmi annunci", "Mijn leeftijdsgroep gebruiken om me advertenties te tonen",
        "Usar minha faixa etária para me mostrar anúncios", "Używaj mojego przedziału wiekowego do pokazywania reklam"),
    "ads-by-gender": _texts(
        "Use my gender to show me ads", "Mein Geschlecht verwenden, um mir Anzeigen zu zeigen",
        "Utiliser mon genre pour m'afficher des publicités", "Usar mi género para mostrarme anuncios",
        "Usa il mio genere per mostrarmi annunci", "Mijn geslacht gebruiken om me advertenties te tonen",
        "Usar meu gênero para me mostrar anúncios", "Używaj mojej płci do pokazywania reklam"),
    "ads-beyond-linkedin": _texts(
        "Use my data to show me ads beyond LinkedIn",
        "Meine Daten verwenden, um mir Anzeigen außerhalb von LinkedIn zu zeigen",
        "Utiliser mes données pour m'afficher des publicités en dehors de LinkedIn",
        "Usar mis datos para mostrarme anuncios fuera de LinkedIn",
        "Usa i miei dati per mostrarmi annunci al di fuori di LinkedIn",
        "Mijn gegevens gebruiken om me advertenties buiten LinkedIn te tonen",
        "Usar meus dados para me mostrar anúncios fora do LinkedIn",
        "Używaj moich danych do pokazywania mi reklam poza LinkedIn"),
    "ads-third-party-data": _texts(
        "Use data businesses share with LinkedIn to show me ads",
        "Daten, die Unternehmen mit LinkedIn teilen, verwenden, um mir Anzeigen zu zeigen",
        "Utiliser les données que les entreprises partagent avec LinkedIn pour m'afficher des publicités",
        "Usar los datos que las empresas comparten con LinkedIn para mostrarme anuncios",
        "Usa i dati che le aziende condividono con LinkedIn per mostrarmi annunci",
        "Gegevens die bedrijven met LinkedIn delen gebruiken om me advertenties te tonen",
        "Usar dados que empresas compartilham com o LinkedIn para me mostrar anúncios",
        "Używaj danych, które firmy udostępniają LinkedIn, do pokazywania mi reklam"),
    "ads-conversion-tracking": _texts(
        "Use my ad-related actions to measure ads",
        "Meine anzeigenbezogenen Aktionen zur Messung von Anzeigen verwenden",
        "Utiliser mes actions liées aux publicités pour mesurer les publicités",
        "Usar mis acciones relacionadas con anuncios para medir anuncios",
        "Usa le mie azioni relative agli annunci per misurare gli annunci",
        "Mijn advertentiegerelateerde acties gebruiken om advertenties te meten",
        "Usar minhas ações relacionadas a anúncios para medir anúncios",
        "Używaj moich działań związanych z reklamami do mierzenia reklam"),
    "ads-inferred-location": _texts(
        "Use my inferred location to show me ads", "Meinen abgeleiteten Standort verwenden, um mir Anzeigen zu zeigen",
        "Utiliser ma localisation déduite pour m'afficher des publicités",
        "Usar mi ubicación deducida para mostrarme anuncios", "Usa la mia posizione dedotta per mostrarmi annunci",
        "Mijn afgeleide locatie gebruiken om me advertenties te tonen",
        "Usar minha localização inferida para me mostrar anúncios",
        "Używaj mojej wywnioskowanej lokalizacji do pokazywania reklam"),
    "ads-interests": _texts(
        "Use my interests and behaviours to show me ads",
        "Meine Interessen und mein Verhalten verwenden, um mir Anzeigen zu zeigen",
        "Utiliser mes centres d'intérêt et comportements pour m'afficher des publicités",
        "Usar mis intereses y comportamientos para mostrarme anuncios",
        "Usa i miei interessi e comportamenti per mostrarmi annunci",
        "Mijn interesses en gedrag gebruiken om me advertenties te tonen",
        "Usar meus interesses e comportamentos para me mostrar anúncios",
        "Używaj moich zainteresowań i zachowań do pokazywania reklam"),
    "non-essential-cookies": _texts(
        "Allow non-essential cookies", "Nicht notwendige Cookies zulassen", "Autoriser les cookies non essentiels",
        "Permitir cookies no esenciales", "Consenti i cookie non essenziali", "Niet-essentiële cookies toestaan",
        "Permitir cookies não essenciais", "Zezwalaj na opcjonalne pliki cookie"),
}
"""The label of each new setting's switch, per language."""
