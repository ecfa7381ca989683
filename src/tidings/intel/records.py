"""What the intelligence queries return, and what briefs, drafts and digests render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Development:
    """One event of a company, on one story (the best source shown, coverage counted)."""

    company: str  # slug
    company_name: str
    kind: str  # funding, acquisition, launch, ... layoffs, legal, security
    sensitive: bool
    title: str
    url: str
    source: str  # the publisher or source name shown to the user
    published: datetime
    evidence: str  # the sentence that shows the event
    coverage: int = 1  # distinct sources carrying the story
    amount: str | None = None
    round: str | None = None
    counterparty: str | None = None
    story_id: str | None = None
    article_id: str | None = None
    published_is_estimate: bool = False
    in_title: bool = True
    tone: str = "neutral"  # good, neutral, bad (for the company); bad is never a talking point
    lead: str = ""  # the article's text from its beginning (bounded), read for the interview's words

    @property
    def handle_with_care(self) -> bool:
        """Know it, do not open with it: a sensitive kind, or bad news of any kind."""
        return self.sensitive or self.tone == "bad"


@dataclass(frozen=True)
class Post:
    """An article from the company's own sources that carries no event."""

    article_id: str
    company: str
    company_name: str
    title: str
    url: str
    source: str
    published: datetime
    text: str  # the body's beginning (or the summary)
    published_is_estimate: bool = False
    story_id: str | None = None

    @property
    def lead(self) -> str:
        return self.text[:300]


@dataclass(frozen=True)
class TalkingPoint:
    """One thing a person could say or write, with why it matters and where it came from."""

    text: str  # one or two sentences to put in an email
    why: str
    kind: str
    company: str  # slug of the company the point is about
    company_name: str
    title: str
    url: str
    source: str
    published: datetime
    score: float
    evidence: str = ""
    coverage: int = 1
    about_competitor: bool = False
    background: bool = False  # older than the window: context, not news
    published_is_estimate: bool = False  # the source gave no usable date: first seen then
    matches: tuple[str, ...] = ()  # words of the interview (role, notes) the story matches
    thing: str = ""  # the specific thing it is about: a product, a partner, a figure, a post title
    tone: str = "neutral"  # good or neutral: bad news never becomes a point
    matched_in: str = ""  # where the interview's words were found: "headline" or "text" ("" for none)
    story: str = ""  # the story it comes from (story id, else article id): what a sent follow-up quoted


@dataclass(frozen=True)
class CareItem:
    """A sensitive development: know it, do not open with it."""

    company: str
    company_name: str
    kind: str  # layoffs, legal, security
    title: str
    url: str
    source: str
    published: datetime
    note: str  # one line on how to treat it


@dataclass(frozen=True)
class CompetitorSummary:
    slug: str
    name: str
    mentions: int  # articles mentioning it in the window
    share_of_voice: float  # its mentions / all mentions of the company and its competitors
    top_stories: tuple[Development, ...] = ()


@dataclass(frozen=True)
class SourceSummary:
    url: str
    name: str
    kind: str
    health: str  # ok, new, stale, failing, gone
    last_success: datetime | None
    articles: int
    last_error: str | None = None


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows about one company."""

    company: str
    company_name: str
    role: str
    generated_at: datetime
    since: datetime
    window_days: int
    articles: int  # articles about the company in the window
    last_fetched: datetime | None
    warnings: tuple[str, ...]  # stale or failing sources, "no data yet"
    talking_points: tuple[TalkingPoint, ...]
    developments: tuple[Development, ...]
    competitors: tuple[CompetitorSummary, ...]
    handle_with_care: tuple[CareItem, ...]
    background: tuple[TalkingPoint, ...]
    sources: tuple[SourceSummary, ...]
    interview: InterviewContext | None = None  # what the points were ranked for


@dataclass(frozen=True)
class InterviewContext:
    """What points are ranked for: a recorded interview's role and notes, or ones to try out."""

    role: str | None = None
    notes: str | None = None
    interview_id: int | None = None  # None when tried without recording (`points --role`)
    date: date | None = None

    @property
    def empty(self) -> bool:
        return not (self.role or "").strip() and not (self.notes or "").strip()


@dataclass(frozen=True)
class SentFollowUp:
    """A follow-up that went out (`tidings interview sent`)."""

    id: int
    interview_id: int
    kind: str  # "thank-you" or "check-in"
    channel: str  # email, linkedin, call
    sent_on: date


def timeline_stated(timeline_days: int, given: bool | None) -> bool:
    """Whether a timeline is one the interviewer gave: as recorded, or, for a row stored before
    that was recorded, any other than the 7-day default (which --timeline 7 and no --timeline
    both stored)."""
    return given if given is not None else timeline_days != 7


@dataclass(frozen=True)
class Interview:
    id: int
    company: str
    company_name: str
    date: date
    with_name: str | None = None
    role: str | None = None
    notes: str | None = None
    timeline_days: int = 7  # when they said they would get back
    created_at: datetime | None = None
    # Whether the user gave --timeline: None for a row stored before that was recorded.
    timeline_given: bool | None = None

    @property
    def timeline_stated(self) -> bool:
        """Whether the timeline is one they gave, not the 7-day default."""
        return timeline_stated(self.timeline_days, self.timeline_given)


@dataclass(frozen=True)
class FollowUp:
    """The next follow-up an interview calls for."""

    interview: Interview
    kind: str  # "thank-you", "check-in", or "stop" (two check-ins without news)
    due: date
    overdue: bool
    reason: str
    last_sent: SentFollowUp | None = None
    upcoming: bool = False  # the interview has not happened yet: prepare for it

    @property
    def prepare(self) -> str | None:
        """What to run before an upcoming interview."""
        if not self.upcoming:
            return None
        return f'tidings brief "{self.interview.company_name}"'


@dataclass(frozen=True)
class Draft:
    kind: str  # "thank-you" or "check-in"
    reason: str  # why this kind, given the interview date
    subject: str
    body: str  # plain text with the placeholder marked [[ ... ]]
    points: tuple[TalkingPoint, ...] = ()  # the points woven in, with their sources
    to: str | None = None
    role: str | None = None
    channel: str = "email"  # email, linkedin or call
    parts: dict[str, object] = field(default_factory=dict)  # the body's pieces, by name
    drafted_ahead: bool = False  # the interview has not happened yet
    repeats: bool = False  # every usable story was quoted by an earlier follow-up: one is used again


@dataclass(frozen=True)
class DigestCompany:
    company: str
    company_name: str
    role: str
    new_articles: int
    developments: tuple[Development, ...] = ()
    handle_with_care: tuple[CareItem, ...] = ()


@dataclass(frozen=True)
class Digest:
    generated_at: datetime
    since: datetime
    follow_ups: tuple[FollowUp, ...]
    companies: tuple[DigestCompany, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
