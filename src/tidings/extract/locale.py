"""What a page's locale says about how it writes dates: the order of 03/05/2021, and the time
zone its publisher most likely writes in."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Locales that write 03/05/2021 month first. Everywhere else reads it as 3 May.
_MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "pw", "mh", "as", "gu", "mp", "pr", "vi", "um"})
# Country-code domains of English-speaking places that write the day first, for pages that
# say only "en".
_DAY_FIRST_TLDS = frozenset({
    "uk", "ie", "au", "nz", "za", "in", "pk", "ng", "ke", "gh", "sg", "my", "hk", "mt", "cy",
    "jm", "tt", "bd", "lk", "ug", "tz", "zw", "zm", "bw", "na", "mu",
})

# The zone of countries that have one, and of languages spoken mostly within one zone. Left
# out on purpose: languages and countries that span several zones (en, es, pt, ar; US, RU, BR,
# CA, AU, MX), where a guess would be wrong for many publishers.
_REGION_ZONES = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "li": "Europe/Vaduz",
    "fr": "Europe/Paris", "be": "Europe/Brussels", "lu": "Europe/Luxembourg",
    "nl": "Europe/Amsterdam", "it": "Europe/Rome", "es": "Europe/Madrid", "pl": "Europe/Warsaw",
    "cz": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest",
    "si": "Europe/Ljubljana", "hr": "Europe/Zagreb", "rs": "Europe/Belgrade",
    "ba": "Europe/Sarajevo", "me": "Europe/Podgorica", "mk": "Europe/Skopje",
    "al": "Europe/Tirane", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "mt": "Europe/Malta", "fi": "Europe/Helsinki", "ee": "Europe/Tallinn",
    "lv": "Europe/Riga", "lt": "Europe/Vilnius", "gr": "Europe/Athens", "cy": "Asia/Nicosia",
    "bg": "Europe/Sofia", "ro": "Europe/Bucharest", "md": "Europe/Chisinau",
    "ua": "Europe/Kyiv", "by": "Europe/Minsk", "tr": "Europe/Istanbul", "il": "Asia/Jerusalem",
    "gb": "Europe/London", "uk": "Europe/London", "ie": "Europe/Dublin", "pt": "Europe/Lisbon",
    "is": "Atlantic/Reykjavik", "za": "Africa/Johannesburg", "eg": "Africa/Cairo",
    "ng": "Africa/Lagos", "ke": "Africa/Nairobi", "in": "Asia/Kolkata", "pk": "Asia/Karachi",
    "bd": "Asia/Dhaka", "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh", "my": "Asia/Kuala_Lumpur",
    "sg": "Asia/Singapore", "ph": "Asia/Manila", "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong",
    "tw": "Asia/Taipei", "kr": "Asia/Seoul", "jp": "Asia/Tokyo", "nz": "Pacific/Auckland",
    "ae": "Asia/Dubai", "sa": "Asia/Riyadh", "qa": "Asia/Qatar", "ir": "Asia/Tehran",
    "ar": "America/Argentina/Buenos_Aires", "cl": "America/Santiago", "co": "America/Bogota",
    "pe": "America/Lima", "ve": "America/Caracas", "uy": "America/Montevideo",
}
_LANGUAGE_ZONES: dict[str, str] = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw", "cs": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "sl": "Europe/Ljubljana", "hr": "Europe/Zagreb",
    "sr": "Europe/Belgrade", "bs": "Europe/Sarajevo", "mk": "Europe/Skopje",
    "sq": "Europe/Tirane", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm",
    "nb": "Europe/Oslo", "nn": "Europe/Oslo", "no": "Europe/Oslo", "fi": "Europe/Helsinki",
    "et": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius", "el": "Europe/Athens",
    "bg": "Europe/Sofia", "ro": "Europe/Bucharest", "uk": "Europe/Kyiv", "be": "Europe/Minsk",
    "tr": "Europe/Istanbul", "he": "Asia/Jerusalem", "is": "Atlantic/Reykjavik",
    "ca": "Europe/Madrid", "eu": "Europe/Madrid", "gl": "Europe/Madrid", "lb": "Europe/Luxembourg",
    "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai", "th": "Asia/Bangkok",
    "vi": "Asia/Ho_Chi_Minh", "hi": "Asia/Kolkata", "bn": "Asia/Dhaka", "fa": "Asia/Tehran",
}


def _subtags(locale: str | None) -> tuple[str, str]:
    parts = [p for p in (locale or "").replace("_", "-").lower().split("-") if p]
    language = parts[0] if parts else ""
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    return language, region


def slash_day_first(locale: str | None, host: str) -> bool:
    """Whether the page writes 03/05/2021 for 3 May: from its locale (`en-GB`, `de`), else
    from its host's country domain. English without a region, on a generic domain, is read
    the American way, month first."""
    language, region = _subtags(locale)
    if region:
        return region not in _MONTH_FIRST_REGIONS
    if language and language != "en":
        return True
    tld = host.lower().rstrip(".").rsplit(".", 1)[-1]
    return tld in _DAY_FIRST_TLDS


def publisher_zone(locale: str | None) -> ZoneInfo | None:
    """The time zone a page in this locale is most likely published from, if one stands out."""
    language, region = _subtags(locale)
    name = _REGION_ZONES.get(region) if region else _LANGUAGE_ZONES.get(language)
    return _zone(name) if name else None


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
