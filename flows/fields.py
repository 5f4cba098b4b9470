"""What a form field asks for, read from its label, name, id, placeholder and autocomplete (like browser autofill).

One pattern per kind with the words of every supported language side by side; the `autocomplete` attribute,
where a page sets it, wins over every guess. Kinds are tried in order: the more specific first ("full name"
before "name", "alternate email" before "email").
"""

from __future__ import annotations

import re
from enum import StrEnum


class Kind(StrEnum):
    SIGNATURE = "signature"
    FULL_NAME = "full name"
    FIRST_NAME = "first name"
    LAST_NAME = "last name"
    ALTERNATE_EMAIL = "alternate email"
    EMAIL = "email"
    COUNTRY = "country"
    DETAILS = "details"
    CONFIRMATION = "confirmation"
    UNKNOWN = "unknown"


_AUTOCOMPLETE = {"given-name": Kind.FIRST_NAME, "family-name": Kind.LAST_NAME, "name": Kind.FULL_NAME,
                 "email": Kind.EMAIL, "country": Kind.COUNTRY, "country-name": Kind.COUNTRY}

_PATTERNS: tuple[tuple[Kind, str], ...] = (
    (Kind.SIGNATURE, r"signature|sign here|signed|unterschrift|signatur|firma|assinatura|handtekening|podpis"),
    (Kind.FULL_NAME, r"full.?name|your name|legal name|^\W*name\W*$|vollständiger name|vor- und nachname|"
                     r"ihr name|dein name|votre nom(?! de famille)|ton nom(?! de famille)|tu nombre|su nombre|"
                     r"(?:il )?(?:tuo|suo) nome|je naam|uw naam|(?:o )?seu nome|twoje imię|name and surname|"
                     r"nom complet|prénom et nom|nombre (?:y apellidos|completo)|nome (?:completo|e cognome)|"
                     r"volledige naam|imię i nazwisko|fullname"),
    (Kind.FIRST_NAME, r"first.?name|given.?name|forename|vorname|prénom|prenom|^\W*nombre\W*$|^\W*nome\W*$|"
                      r"nome di battesimo|nombre de pila|rufname|doopnaam|roepnaam|primeiro nome|voornaam|imię|imie|"
                      r"firstname|fname"),
    (Kind.LAST_NAME, r"last.?name|surname|family.?name|nachname|familienname|^\W*nom\W*$|nom de famille|"
                     r"apellido|cognome|sobrenome|achternaam|familienaam|[úu]ltimo nome|nazwisko|lastname|lname"),
    (Kind.ALTERNATE_EMAIL, r"alternat|secondary|other e.?mail|additional e.?mail|andere e-?mail|weitere e-?mail|"
                           r"autre (?:adresse )?e-?mail|secondaire|otro (?:correo|e-?mail)|outro e-?mail|altra e.?mail|"
                           r"ander e-?mailadres|inny adres"),
    (Kind.EMAIL, r"e.?mail|correo|courriel"),
    (Kind.COUNTRY, r"country|residence|\bland\b|pays|país|pais|paese|kraj|wohnsitz|residência|residenza|woonland|"
                   r"where do you live|wo wohnen sie|wo lebst du|où (?:habitez|vivez)|dónde vives|dónde vive|"
                   r"dove (?:vivi|abiti)|waar woon|onde (?:você )?mora|gdzie mieszkasz"),
    (Kind.DETAILS, r"detail|describe|description|reason|explain|additional info|addl|message|comment|"
                   r"beschreib|einzelheit|begründung|nachricht|détail|motif|précis|detalle|descri|motivo|"
                   r"dettagli|spiegare|toelichting|omschrijving|reden|szczegó|opis|uzasadnienie|informa|detalh|"
                   r"tell us more|weitere angaben|cuéntanos|dicci di più|vertel ons|conte mais|napisz więcej"),
    (Kind.CONFIRMATION, r"confirm|certify|i agree|declare|affirm|bestätige|versichere|confirme|certifie|"
                        r"confirmo|declaro|confermo|dichiaro|bevestig|verklaar|potwierdzam|oświadczam"),
)
_OPTIONAL = re.compile(r"optional|facultati|optionnel|opcional|facoltativ|optioneel|opcjonaln|freiwillig|"
                       r"if any|falls vorhanden|s'il y a lieu|si procede|se presente", re.IGNORECASE)
_COMPILED = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS)


def classify(label: str, name: str = "", autocomplete: str = "", placeholder: str = "") -> Kind:
    """The kind of a field: its autocomplete first, then its visible label, then its name, id or placeholder."""
    hinted = _AUTOCOMPLETE.get(autocomplete.strip().lower().split(" ")[-1] if autocomplete else "")
    if hinted is not None:
        return hinted
    for text in (_clean(label), placeholder, _split_identifier(name)):
        if not text:
            continue
        for kind, pattern in _COMPILED:
            if pattern.search(text):
                return kind
    return Kind.UNKNOWN


_SAYS_FULL = re.compile(r"full|complet|vollständig|volledig|legal|e cognome|i nazwisko|vor- und nachname|"
                        r"prénom et nom|y apellidos|signature|unterschrift|firma|assinatura|handtekening|podpis",
                        re.IGNORECASE)


def in_context(kinds: list[Kind], labels: list[str]) -> list[Kind]:
    """Kinds corrected by the fields around them, as autofill does: beside a first name and no last name, a
    field that only says "name" ("Votre nom", "Name") asks for the last name; beside a last name and no first
    name ("Seu nome", "Seu sobrenome"), for the first name."""
    if (Kind.FIRST_NAME in kinds) == (Kind.LAST_NAME in kinds):
        return kinds
    missing = Kind.LAST_NAME if Kind.FIRST_NAME in kinds else Kind.FIRST_NAME
    return [missing if kind is Kind.FULL_NAME and not _SAYS_FULL.search(label) else kind
            for kind, label in zip(kinds, labels, strict=True)]


def says_optional(label: str, placeholder: str = "") -> bool:
    """The field says it may stay empty ("(optional)" in any supported language)."""
    return bool(_OPTIONAL.search(label) or _OPTIONAL.search(placeholder))


def _clean(label: str) -> str:
    return " ".join(label.replace("*", " ").split()).strip(" :")


def _split_identifier(name: str) -> str:
    """`dyna-first_name` and `firstName` as words, so identifiers match the same patterns as labels."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return " ".join(re.split(r"[-_.\[\]\s]+", spaced.removeprefix("dyna-"))).strip()
