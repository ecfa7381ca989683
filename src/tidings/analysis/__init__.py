"""Analysis of article text: company mentions, events (developments) and story clusters.

Pure functions on text and :class:`tidings.models.Company`; no database, no network.
"""

from tidings.analysis.clusters import StoryItem, cluster_stories, story_tokens
from tidings.analysis.events import EVENT_KINDS, SENSITIVE_KINDS, Event, classify_events
from tidings.analysis.mentions import Mention, MentionMatcher

__all__ = [
    "EVENT_KINDS",
    "SENSITIVE_KINDS",
    "Event",
    "Mention",
    "MentionMatcher",
    "StoryItem",
    "classify_events",
    "cluster_stories",
    "story_tokens",
]
