"""Countries by two-letter code, as a form's dropdown may name them (in English or the country's language)."""

from __future__ import annotations

from flows.text import norm

NAMES = {
    "AT": ("Austria", "Österreich"), "BE": ("Belgium", "Belgique", "België"), "BG": ("Bulgaria",),
    "HR": ("Croatia", "Hrvatska"), "CY": ("Cyprus",), "CZ": ("Czechia", "Czech Republic", "Česko"),
    "DK": ("Denmark", "Danmark"), "EE": ("Estonia", "Eesti"), "FI": ("Finland", "Suomi"),
    "FR": ("France",), "DE": ("Germany", "Deutschland"), "GR": ("Greece",), "HU": ("Hungary", "Magyarország"),
    "IE": ("Ireland",), "IT": ("Italy", "Italia"), "LV": ("Latvia", "Latvija"), "LT": ("Lithuania", "Lietuva"),
    "LU": ("Luxembourg",), "MT": ("Malta",), "NL": ("Netherlands", "Nederland", "The Netherlands"),
    "PL": ("Poland", "Polska"), "PT": ("Portugal",), "RO": ("Romania", "România"),
    "SK": ("Slovakia", "Slovensko"), "SI": ("Slovenia", "Slovenija"), "ES": ("Spain", "España"),
    "SE": ("Sweden", "Sverige"), "IS": ("Iceland", "Ísland"), "LI": ("Liechtenstein",), "NO": ("Norway", "Norge"),
    "CH": ("Switzerland", "Schweiz", "Suisse", "Svizzera"),
    "GB": ("United Kingdom", "UK", "Great Britain"), "US": ("United States", "United States of America", "USA"),
    "CA": ("Canada",), "HK": ("Hong Kong",), "AU": ("Australia",), "IN": ("India",), "BR": ("Brazil", "Brasil"),
}


def lists_countries(options: list[tuple[str, str]]) -> bool:
    """Most of a dropdown's (text, value) options are countries: it asks for one, whatever its label says."""
    known = {norm(name) for names in NAMES.values() for name in names} | {code.lower() for code in NAMES}
    hits = sum(1 for text, value in options if norm(text) in known or norm(value) in known)
    return len(options) >= 3 and hits * 2 >= len(options)


def country_matches(country: str, option_text: str, option_value: str) -> bool:
    """The option is this country: by its code (as value or text) or any of its names."""
    wanted = norm(country)
    code = wanted.upper() if len(wanted) == 2 else next(
        (code for code, names in NAMES.items() if wanted in map(norm, names)), "")
    names = {wanted, *(norm(name) for name in NAMES.get(code, ()))}
    return (norm(option_text) in names or norm(option_value) in names
            or (bool(code) and code in (option_value.upper(), option_text.upper())))
