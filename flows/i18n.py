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
