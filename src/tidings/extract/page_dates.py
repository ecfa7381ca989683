"""Parse the many ways web pages write a date into a UTC-aware datetime, within sane bounds."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
# A publisher's clock or time zone may put a fresh article slightly "ahead" of ours.
FUTURE_SLACK = timedelta(hours=26)

_MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
    # German, French, Spanish, Italian, Dutch, Polish (genitive) month names seen on news pages
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11,
    "grudnia": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    # Swedish, Danish, Norwegian (the rest are spelled as in French, Dutch or English)
    "maj": 5, "augusti": 8, "desember": 12,
    # Indonesian and Malay
    "maret": 3, "agustus": 8, "ogos": 8, "disember": 12,
    # Romanian
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7,
    "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12,
    # Czech (genitive)
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6,
    "července": 7, "srpna": 8, "září": 9, "října": 10, "listopadu": 11, "prosince": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Russian and Ukrainian (genitive: "29 июня 2020")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
    "липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
}


def _fold(name: str) -> str:
    # Case-insensitive matching lets "MAYIS" match "mayıs", but "MAYIS".lower() is "mayis".
    return name.casefold().replace("ı", "i").replace("i\u0307", "i")


_MONTH_NUMBERS = {_fold(name): number for name, number in _MONTHS.items()}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

_ISO = re.compile(
    r"(?<!\d)((?:19|20)\d\d)-([01]?\d)-([0-3]?\d)"
    r"(?:[T ]([0-2]\d):([0-5]\d)(?::([0-5]\d)(?:[.,]\d+)?)?\s*(Z|[+-][0-2]\d:?[0-5]\d|UTC|GMT)?)?",
    re.I,
)
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?:T?([0-2]\d)([0-5]\d))?(?!\d)")
_SLASH_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:/|\.\s?)([01]?\d)(?:/|\.\s?)([0-3]?\d)(?!\d)")
# Chinese and Japanese 2020年7月12日, Korean 2020년 7월 12일.
_CJK_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*[年년]\s*([01]?\d)\s*[月월]\s*([0-3]?\d)\s*[日일]"
)
# Day-first is the norm outside the US when written with dots; slashes are ambiguous, and the
# caller says which order the page's locale uses.
_DMY_DOTS = re.compile(r"(?<!\d)([0-3]?\d)\.\s?([01]?\d)\.\s?((?:19|20)\d\d)(?!\d)")
_SLASH_AMBIG = re.compile(r"(?<!\d)([01]?\d|[0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)(?!\d)")
_MDY_TEXT = re.compile(
    rf"\b({_MONTH_RE})\.?\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    r"(?:,?\s*(?:at\s+)?([01]?\d):([0-5]\d)\s*([ap]\.?m\.?)?)?",
    re.I,
)
_DMY_TEXT = re.compile(
    rf"\b([0-3]?\d)(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b",
    re.I,
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:[/-]|\.html?|$)"
    r"|/((?:19|20)\d\d)([01]\d)([0-3]\d)(?:[/_-]|\.html?|$)"
)
# A web-archive capture stamp (/web/20130404123456/http://...) dates the copy, not the article.
_ARCHIVE_PREFIX = re.compile(r"^https?://(?:web\.)?archive\.org/web/\d+[a-z_]*/", re.I)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/([01]\d)/(?!\d)")


def _tz(token: str | None) -> timedelta | None:
    if not token:
        return None
    token = token.upper()
    if token in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))


def _build(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
    offset: timedelta | None = None,
) -> datetime | None:
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    # The page's own offset is kept, so its calendar day is the publisher's (what a reader
    # saw); storage converts to UTC. Naive dates are read as UTC.
    if offset:
        try:
            return naive.replace(tzinfo=timezone(offset))
        except ValueError:  # an offset of a day or more is not a time zone
            return (naive - offset).replace(tzinfo=UTC)
    return naive.replace(tzinfo=UTC)


def in_bounds(value: datetime | None, now: datetime | None) -> datetime | None:
    """The date if it lies between 1995 and now (plus a little clock slack), else None."""
    if value is None:
        return None
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if value < EARLIEST or value > now + FUTURE_SLACK:
        return None
    return value


def parse_date(text: str | None) -> datetime | None:
    """Parse one machine- or human-written date string (the value of a meta tag or attribute)."""
    if not text:
        return None
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):
        # Unix timestamps (seconds or milliseconds) appear in some CMS meta tags.
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, UTC)
    match = _ISO.search(text)
    if match:
        y, mo, d, h, mi, s, tz = match.groups()
        return _build(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), _tz(tz))
    return parse_text_date(text)


def parse_text_date(text: str, *, day_first: bool = False) -> datetime | None:
    """The first date written out for readers ("May 3, 2021", "3. Mai 2021", "03.05.2021").

    `day_first` reads an ambiguous slash date (03/05/2021) as 3 May, as everywhere but the
    United States writes it; by default it is read month first.
    """
    found = find_text_date(text, day_first=day_first)
    return found[1] if found else None


def find_text_date(text: str, *, day_first: bool = False) -> tuple[int, datetime] | None:
    """Where the first date written out for readers starts in `text`, and the date."""
    found: list[tuple[int, datetime]] = []
    match = _MDY_TEXT.search(text)
    month = _MONTH_NUMBERS.get(_fold(match.group(1))) if match else None
    if match and month:
        hour, minute = 0, 0
        if match.group(4):
            hour, minute = int(match.group(4)) % 12, int(match.group(5))
            if match.group(6) and match.group(6).lower().startswith("p"):
                hour += 12
        value = _build(int(match.group(3)), month, int(match.group(2)), hour, minute)
        if value:
            found.append((match.start(), value))
    match = _DMY_TEXT.search(text)
    month = _MONTH_NUMBERS.get(_fold(match.group(2))) if match else None
    if match and month:
        value = _build(int(match.group(3)), month, int(match.group(1)))
        if value:
            found.append((match.start(), value))
    patterns = ((_SLASH_YMD, "ymd"), (_CJK_YMD, "ymd"), (_DMY_DOTS, "dmy"), (_COMPACT, "ymd"))
    for pattern, order in patterns:
        match = pattern.search(text)
        if match:
            g = match.groups()
            y, mo, d = (g[0], g[1], g[2]) if order == "ymd" else (g[2], g[1], g[0])
            value = _build(int(y), int(mo), int(d))
            if value:
                found.append((match.start(), value))
    match = _SLASH_AMBIG.search(text)
    if match:
        a, b, y = int(match.group(1)), int(match.group(2)), int(match.group(3))
        # One order unless a number rules it out (a 13 or more cannot be a month).
        day_month = (a > 12 or day_first) and b <= 12
        value = _build(y, b, a) if day_month else _build(y, a, b)
        if value:
            found.append((match.start(), value))
    if not found:
        return None
    return min(found, key=lambda item: item[0])


# A date that opens a line of the article's text, maybe in brackets: "(21. November 2022)
# Energieverbraucher erhalten...", "29.11.2022 – Mehrfach hatte...", "2021-10-16 | Botschaft".
_OPENING = re.compile(r"^[(\[]?\s*")
_OPENING_LINES = 3


def opening_date(text: str, *, day_first: bool = False) -> datetime | None:
    """A date that opens one of the first lines of an article's text (a dateline the page
    writes into the article itself), or None."""
    for line in text.split("\n", _OPENING_LINES)[:_OPENING_LINES]:
        start = _OPENING.match(line).end()  # type: ignore[union-attr]
        head = line[start : start + 40]
        # Every shape of date starts with a digit or a month's name: most lines are passed
        # over before the (slower) search for a date (it runs on every page).
        if not head[:1].isdigit() and _fold(head.split(None, 1)[0].rstrip(".,") if head.strip()
                                            else "") not in _MONTH_NUMBERS:
            continue
        iso = _ISO.match(head)
        if iso and not iso.group(4):
            return _build(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        found = find_text_date(head, day_first=day_first)
        if found is not None and found[0] == 0:
            return found[1]
    return None


def date_from_url(url: str) -> datetime | None:
    """A date spelled in a URL path (/2021/05/03/slug, /20210503-slug); None otherwise."""
    match = _URL_DATE.search(_ARCHIVE_PREFIX.sub("/", url))
    if match:
        g = match.groups()
        y, mo, d = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
        return _build(int(y), int(mo), int(d))
    return None


def month_from_url(url: str) -> datetime | None:
    """The first day of a month named in the URL (/2021/05/slug): a coarse last resort."""
    match = _URL_MONTH.search(_ARCHIVE_PREFIX.sub("/", url))
    if match:
        return _build(int(match.group(1)), int(match.group(2)), 1)
    return None


# "3 hours ago", "vor 3 Stunden", "il y a 3 heures", "hace 3 horas", "3 ore fa", "3 uur geleden",
# "há 3 horas": how news pages date a fresh story. Units in seconds.
_RELATIVE_UNITS = {
    "min": 60, "mins": 60, "minute": 60, "minutes": 60, "minuten": 60, "minuto": 60,
    "minutos": 60, "minuti": 60, "m": 60,
    "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600, "h": 3600, "stunde": 3600,
    "stunden": 3600, "std": 3600, "heure": 3600, "heures": 3600, "hora": 3600, "horas": 3600,
    "ora": 3600, "ore": 3600, "uur": 3600,
    "day": 86400, "days": 86400, "d": 86400, "tag": 86400, "tagen": 86400, "jour": 86400,
    "jours": 86400, "día": 86400, "dia": 86400, "días": 86400, "dias": 86400, "giorno": 86400,
    "giorni": 86400, "dag": 86400, "dagen": 86400,
    "week": 604800, "weeks": 604800, "woche": 604800, "wochen": 604800, "semaine": 604800,
    "semaines": 604800, "semana": 604800, "semanas": 604800, "settimana": 604800,
    "settimane": 604800, "weken": 604800,
}
_UNIT_RE = "|".join(sorted(map(re.escape, _RELATIVE_UNITS), key=len, reverse=True))
_AMOUNT = rf"(?:(\d{{1,3}})\s*|(an?|one)\s+)({_UNIT_RE})\b"
_RELATIVE = re.compile(_AMOUNT, re.IGNORECASE)
# "2 days 4 hours ago", "1d 2h ago", "2 Stunden und 30 Minuten": amounts that add up.
_RELATIVE_RUN = re.compile(
    rf"(?<![\w.,:])(?:{_AMOUNT}[\s,]*(?:(?:and|und|et|y|e|en)\s+)?)+", re.IGNORECASE
)
_AGO_AFTER = re.compile(r"\.?\s*(?:ago|fa|geleden)\b", re.IGNORECASE)
# "há" (Portuguese) only with its accent, or opening the piece: Italian "ha 3 giorni" is "has".
_AGO_BEFORE = re.compile(r"(?:\bvor|\bil\s+y\s+a|\bhace|\bhá|^\s*ha)\s*$", re.IGNORECASE)
# The whole piece of text must be the word, maybe with a time ("Yesterday", "Heute, 10:15 Uhr"):
# "Today's top stories" is navigation.
_CLOCK = r"(?:,?\s*(?:at|um|à|a\s+las|alle)?\s*\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?|uhr)?)?\s*$"
_YESTERDAY = re.compile(rf"^\s*(?:yesterday|gestern|ayer|ieri|gisteren|ontem){_CLOCK}", re.I)
_TODAY = re.compile(
    rf"^\s*(?:today|just\s+now|heute|aujourd'hui|hoy|oggi|vandaag|hoje){_CLOCK}", re.I
)


def parse_relative_date(text: str, now: datetime) -> datetime | None:
    """A date written relative to when the page was served ("3 hours ago", "vor 2 Tagen",
    "yesterday"), counted back from `now`; None for anything else."""
    found = find_relative_date(text, now)
    return found[1] if found else None


def find_relative_date(text: str, now: datetime) -> tuple[int, datetime] | None:
    """Where a relative date starts in `text`, and the date. Only an amount that says "ago"
    (or "vor", "il y a", "hace", "fa", "geleden") counts: "3 days" alone is a duration, and
    in "5 min read · 3 days ago" it is the 3 days."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if _YESTERDAY.match(text):
        return len(text) - len(text.lstrip()), now - timedelta(days=1)
    if _TODAY.match(text):
        return len(text) - len(text.lstrip()), now
    for run in _RELATIVE_RUN.finditer(text):
        end = len(run.group(0).rstrip(" ,")) + run.start()
        before = _AGO_BEFORE.search(text, 0, run.start())
        if not (_AGO_AFTER.match(text, end) or before):
            continue
        seconds = 0
        for match in _RELATIVE.finditer(run.group(0)):
            amount = int(match.group(1)) if match.group(1) else 1
            seconds += amount * _RELATIVE_UNITS[match.group(3).lower()]
        return (before.start() if before else run.start()), now - timedelta(seconds=seconds)
    return None
