"""The morning digest: follow-ups that are due first, then what is new per company since last run."""

from __future__ import annotations

from typing import Any

from tidings.intel.records import Digest, DigestCompany, FollowUp
from tidings.render.common import day, group_by_kind, iso_z, kind_label, moment, plural
from tidings.render.jsonout import care_to_dict, development_to_dict, dumps
from tidings.render.markdown import care_line, development_line, md_escape

DIGEST_SCHEMA_VERSION = "1.0"


def follow_up_title(follow_up: FollowUp) -> str:
    """ "Overdue since 3 Nov 2024: check-in to Northwind Robotics (Platform Engineer), ..."."""
    iv = follow_up.interview
    who = iv.company_name + (f" ({iv.role})" if iv.role else "")
    if follow_up.upcoming:
        return f"Upcoming {day(iv.date)}: interview with {who}; prepare: {follow_up.prepare}"
    if follow_up.kind == "stop":
        return f"Stop following up with {who}, interviewed {day(iv.date)}"
    status = f"Overdue since {day(follow_up.due)}" if follow_up.overdue else f"Due {day(follow_up.due)}"
    line = f"{status}: {follow_up.kind} to {who}, interviewed {day(iv.date)}"
    if follow_up.last_sent is not None:
        line += f"; last sent {day(follow_up.last_sent.sent_on)} ({follow_up.last_sent.kind})"
    return line


def _sorted_follow_ups(digest: Digest) -> list[FollowUp]:
    # Overdue first, then by due date: the most urgent line is the first one read.
    return sorted(digest.follow_ups, key=lambda f: (not f.overdue, f.due, f.interview.company_name))


def follow_up_to_dict(follow_up: FollowUp) -> dict[str, Any]:
    iv = follow_up.interview
    return {
        "interview_id": iv.id,
        "company": iv.company,
        "company_name": iv.company_name,
        "interviewed": iv.date.isoformat(),
        "with": iv.with_name,
        "role": iv.role,
        "timeline_days": iv.timeline_days,
        "timeline_given": iv.timeline_stated,
        "kind": follow_up.kind,
        "due": follow_up.due.isoformat(),
        "overdue": follow_up.overdue,
        "reason": follow_up.reason,
        "last_sent": (
            None
            if follow_up.last_sent is None
            else {
                "kind": follow_up.last_sent.kind,
                "channel": follow_up.last_sent.channel,
                "date": follow_up.last_sent.sent_on.isoformat(),
            }
        ),
        "upcoming": follow_up.upcoming,
        "prepare": follow_up.prepare,
    }


def company_to_dict(company: DigestCompany) -> dict[str, Any]:
    return {
        "company": company.company,
        "company_name": company.company_name,
        "role": company.role,
        "new_articles": company.new_articles,
        "developments": [development_to_dict(d) for d in company.developments],
        "handle_with_care": [care_to_dict(c) for c in company.handle_with_care],
    }


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    return {
        "schema_version": DIGEST_SCHEMA_VERSION,
        "generated_at": iso_z(digest.generated_at),
        "since": iso_z(digest.since),
        "warnings": list(digest.warnings),
        "follow_ups": [follow_up_to_dict(f) for f in _sorted_follow_ups(digest)],
        "companies": [company_to_dict(c) for c in digest.companies],
    }


def _nothing_new(company: DigestCompany, digest: Digest) -> str:
    if company.new_articles:
        return (
            f"{plural(company.new_articles, 'new article')} since {moment(digest.since)}, "
            "none with a notable development."
        )
    return f"Nothing new since {moment(digest.since)}."


def _markdown(digest: Digest) -> str:
    out = [f"# tidings digest, {day(digest.generated_at)}", ""]
    out.append(f"What is new since {moment(digest.since)}; generated {moment(digest.generated_at)}.")
    out.append("")
    for warning in digest.warnings:
        out.append(f"> **Warning:** {md_escape(warning)}")
    if digest.warnings:
        out.append("")
    out += ["## Follow-ups", ""]
    if digest.follow_ups:
        for f in _sorted_follow_ups(digest):
            out.append(f"- **{md_escape(follow_up_title(f))}**  \n  {md_escape(f.reason)}")
    else:
        out.append("No follow-up is due.")
    out.append("")
    if not digest.companies:
        out += ["No companies are tracked yet.", ""]
    for company in digest.companies:
        out += [
            f"## {md_escape(company.company_name)} ({company.role})",
            "",
        ]
        if company.developments:
            out.append(f"{plural(company.new_articles, 'new article')} since {moment(digest.since)}.")
            out.append("")
            for kind, devs in group_by_kind(company.developments):
                out += [f"### {kind_label(kind)}", ""]
                out += [development_line(d) for d in devs]
                out.append("")
        else:
            out += [_nothing_new(company, digest), ""]
        if company.handle_with_care:
            out += ["### Handle with care", ""]
            out += [care_line(c) for c in company.handle_with_care]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _html(digest: Digest) -> str:
    from tidings.render.html import make_environment

    env = make_environment()
    companies = [
        {
            "record": c,
            "groups": group_by_kind(c.developments),
            "nothing_new": _nothing_new(c, digest),
        }
        for c in digest.companies
    ]
    return env.get_template("digest.html.j2").render(
        digest=digest,
        follow_ups=[(f, follow_up_title(f)) for f in _sorted_follow_ups(digest)],
        companies=companies,
    )


def render_digest(digest: Digest, fmt: str) -> str:
    """The digest as "md", "html" or "json"."""
    if fmt == "md":
        return _markdown(digest)
    if fmt == "html":
        return _html(digest)
    if fmt == "json":
        return dumps(digest_to_dict(digest))
    raise ValueError(f"unknown digest format {fmt!r} (use md, html or json)")
