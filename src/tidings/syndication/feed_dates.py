"""Dates from feeds and pages, normalised to timezone-aware UTC datetimes.

Everything that leaves this module is aware and in UTC, or None. Implausible dates (before the
web carried news, or days in the future) are treated as missing: a feed that claims 1970 or 2099
is wrong, and a wrong date would rank a story as fresh or bury it.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

__all__ = ["EARLIEST", "FUTURE_SLACK", "parse_date", "to_utc"]

logger = logging.getLogger(__name__)

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)

_RFC822_HINT = re.compile(r"^\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}")
_ISO_RE = re.compile(
    r"^\s*(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$",
    re.IGNORECASE,
)


def _sane(dt: datetime | None, now: datetime | None) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    else:
        dt = dt.astimezone(UTC)
    if dt < EARLIEST:
        return None
    reference = now if now is not None else datetime.now(UTC)
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    if dt > reference + FUTURE_SLACK:
        return None
    return dt


def _parse_iso(text: str) -> datetime | None:
    m = _ISO_RE.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        dt = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    if zone and zone.upper() not in ("Z", "UTC", "GMT"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        dt = dt - sign * offset
    return dt.replace(tzinfo=UTC)


_MONTHS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
# The RFC 822 shape nearly every feed uses ("Tue, 24 Nov 2026 09:30:00 +0000"), read by one
# regular expression: email.utils costs several times more, and this runs once per entry.
# Anything else (named zones like EST, two-digit years, odd spacing) goes to email.utils.
_RFC822_FAST = re.compile(
    r"(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})\s+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|GMT|UTC|UT|Z)?",
    re.IGNORECASE,
)


def _parse_rfc822(text: str) -> datetime | None:
    m = _RFC822_FAST.fullmatch(text)
    if m is not None:
        day, month_name, year, hour, minute, second, sign, zone_h, zone_m = m.groups()
        month = _MONTHS.get(month_name.lower())
        if month is not None:
            try:
                dt = datetime(
                    int(year), month, int(day), int(hour), int(minute), int(second or 0),
                    tzinfo=UTC,
                )
            except ValueError:
                return None
            if sign:
                offset = timedelta(hours=int(zone_h), minutes=int(zone_m))
                dt = dt - offset if sign == "+" else dt + offset
            return dt
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _parse_with_feedparser(text: str) -> datetime | None:
    # feedparser knows two decades of odd date formats (W3CDTF variants, Korean, Greek,
    # Hungarian, asctime...); it is only consulted when the common formats fail.
    from feedparser.datetimes import _parse_date

    try:
        parsed = _parse_date(text)
    except (ValueError, OverflowError, IndexError, TypeError):
        return None
    return _from_struct(parsed) if parsed else None


def _from_struct(value: time.struct_time) -> datetime | None:
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None


def parse_date(text: str, now: datetime | None = None) -> datetime | None:
    """Parse a date string (RFC 822, RFC 3339/ISO 8601 and common variants) to aware UTC.

    Returns None when the text is not a date, or the date is before 1995-01-01 or more than two
    days after ``now`` (default: the current time). A date without a zone is taken as UTC.
    """
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > 100:
        return None
    dt: datetime | None = None
    if text[0].isdigit():
        dt = _parse_iso(text)
    if dt is None and _RFC822_HINT.match(text):
        dt = _parse_rfc822(text)
    if dt is None:
        dt = _parse_with_feedparser(text)
    if dt is None:
        logger.debug("unparseable date %r", text)
    return _sane(dt, now)


def to_utc(value: object, now: datetime | None = None) -> datetime | None:
    """Normalise a struct_time (as feedparser gives, already UTC), a datetime (naive means UTC)
    or a date string to an aware UTC datetime, applying the same sanity window as parse_date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _sane(value, now)
    if isinstance(value, time.struct_time):
        return _sane(_from_struct(value), now)
    if isinstance(value, str):
        return parse_date(value, now=now)
    if isinstance(value, tuple) and len(value) >= 6:
        try:
            return _sane(datetime(*value[:6], tzinfo=UTC), now)
        except (TypeError, ValueError, OverflowError):
            return None
    return None
