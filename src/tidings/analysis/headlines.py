"""A headline's wire furniture: leading cashtags, wire tags and trailing hashtags.

Finance feeds put "$SQ - ", "UPDATE 2-" or "BRIEF-" before a headline and "#stocks $SPY" after
it. The kinds and tone models were trained on posts with these removed
(:func:`tidings.analysis.news_labels.clean_post`), so a headline is scored the same way:
:func:`headline_core` is the text they learned from.
"""

from __future__ import annotations

import re

__all__ = ["headline_core"]

LEAD_TAGS_RE = re.compile(r"^(?:\s*\$[A-Za-z][\w.:]*[\s,]*)+(?:[-:–—|]\s*)?")
WIRE_RE = re.compile(
    r"^(?:(?:BRIEF|UPDATE\s*\d*|RPT|EXCLUSIVE|BREAKING|CORRECTED|REFILE|WRAPUP\s*\d*|INSIGHT|"
    r"ANALYSIS|FOCUS)\s*[-:]\s*|(?:Exclusive|Breaking|Update|Report|Reuters|NEW|JUST IN|LIVE)\s*:\s*)+",
)
TRAIL_RE = re.compile(r"(?:\s*(?:#\w+|\|\s*\w+|\$[A-Z][\w.]*))+\s*$")
# Characters a headline with furniture starts or ends with: most headlines have none, and are
# returned as they are without a regex run.
_LEADS = frozenset("$BURECIAFNJLW")
_TRAILS = frozenset("#$")


def headline_core(title: str) -> str:
    """``title`` without trailing hashtags or cashtags, leading cashtags and wire tags."""
    text = title.strip()
    if not text:
        return text
    if "#" in text or "$" in text or "|" in text:
        text = TRAIL_RE.sub("", text)
    if text[:1] in _LEADS:
        text = WIRE_RE.sub("", LEAD_TAGS_RE.sub("", text).strip())
    return text.strip() or title.strip()
