"""Ordered, named schema migrations. Append new ones; never edit one that has shipped."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = tuple[str, Callable[[duckdb.DuckDBPyConnection], None]]


def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE companies (
            slug VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            aliases VARCHAR[],
            domains VARCHAR[],
            tickers VARCHAR[],
            competitors VARCHAR[],
            context VARCHAR[],
            exclude VARCHAR[],
            updated_at TIMESTAMPTZ
        )
        """
    )
    con.execute(
        """
        CREATE TABLE sources (
            url VARCHAR PRIMARY KEY,          -- as configured in feeds/*.toml
            company VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            name VARCHAR,
            fetch_url VARCHAR,                -- where it lives now, after permanent redirects
            title VARCHAR,                    -- the feed's own title
            etag VARCHAR,
            last_modified VARCHAR,
            body_hash VARCHAR,
            last_status INTEGER,
            last_error VARCHAR,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_fetch_after TIMESTAMPTZ,
            last_fetched_at TIMESTAMPTZ,
            last_success_at TIMESTAMPTZ,
            items_seen INTEGER,
            items_new INTEGER,
            bozo BOOLEAN NOT NULL DEFAULT false,
            gone BOOLEAN NOT NULL DEFAULT false
        )
        """
    )
    con.execute(
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR NOT NULL,
            canonical_url VARCHAR NOT NULL,
            guid VARCHAR,
            title VARCHAR NOT NULL,
            summary VARCHAR,
            body VARCHAR,
            published_at TIMESTAMPTZ NOT NULL,
            published_is_estimate BOOLEAN NOT NULL,
            fetched_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ,
            source_url VARCHAR NOT NULL,
            company VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            author VARCHAR,
            publisher VARCHAR,
            publisher_url VARCHAR,
            story_id VARCHAR
        )
        """
    )
    con.execute(
        """
        CREATE TABLE fetch_runs (
            id BIGINT PRIMARY KEY,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            sources INTEGER,
            updated INTEGER,
            unchanged INTEGER,
            failed INTEGER,
            skipped INTEGER,
            new_articles INTEGER,
            updated_articles INTEGER,
            errors VARCHAR
        )
        """
    )


def m002_analysis(con: duckdb.DuckDBPyConnection) -> None:
    # published_at is copied from the article so window queries never join a million rows.
    con.execute(
        """
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            company VARCHAR NOT NULL,
            in_title BOOLEAN NOT NULL,
            count INTEGER NOT NULL,
            snippet VARCHAR,
            published_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (article_id, company)
        )
        """
    )
    con.execute(
        """
        CREATE TABLE events (
            article_id VARCHAR NOT NULL,
            company VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            sensitive BOOLEAN NOT NULL,
            evidence VARCHAR,
            amount VARCHAR,
            round VARCHAR,
            counterparty VARCHAR,
            confidence DOUBLE,
            in_title BOOLEAN,
            published_at TIMESTAMPTZ NOT NULL
        )
        """
    )
    # An inverted index we maintain at ingest: DuckDB's fts extension needs a download and
    # is not updated on insert.
    con.execute(
        """
        CREATE TABLE tokens (
            token BIGINT NOT NULL,        -- crc32 of the word: integer compares beat text
            article_id VARCHAR NOT NULL,
            tf INTEGER NOT NULL,
            in_title BOOLEAN NOT NULL
        )
        """
    )
    con.execute("ALTER TABLE articles ADD COLUMN doc_length INTEGER")


def m003_interviews(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SEQUENCE interview_ids START 1")
    con.execute(
        """
        CREATE TABLE interviews (
            id BIGINT PRIMARY KEY DEFAULT nextval('interview_ids'),
            company VARCHAR NOT NULL,
            date DATE NOT NULL,
            with_name VARCHAR,
            role VARCHAR,
            notes VARCHAR,
            timeline_days INTEGER NOT NULL DEFAULT 7,
            created_at TIMESTAMPTZ NOT NULL
        )
        """
    )
    con.execute("CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR)")


def m004_stories_and_notes(con: duckdb.DuckDBPyConnection) -> None:
    # How many distinct sources carry each story, kept up to date when stories are assigned,
    # so listings never count over the whole articles table at query time.
    con.execute(
        """
        CREATE TABLE stories (
            story_id VARCHAR PRIMARY KEY,
            coverage INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            first_published TIMESTAMPTZ
        )
        """
    )
    con.execute(
        """
        INSERT INTO stories
        SELECT story_id, count(DISTINCT coalesce(publisher, source_url)), count(*),
               min(published_at)
        FROM articles WHERE story_id IS NOT NULL GROUP BY story_id
        """
    )
    # What the last fetch of a source noticed without failing: pages that were not HTML,
    # links robots.txt forbids, entries recovered from a malformed feed.
    con.execute("ALTER TABLE sources ADD COLUMN last_note VARCHAR")


def m005_event_tone(con: duckdb.DuckDBPyConnection) -> None:
    # good / neutral / bad for the company; rows analysed before tone existed read as neutral
    # (sensitive kinds are bad whatever the column says) until `tidings reanalyze`.
    con.execute("ALTER TABLE events ADD COLUMN tone VARCHAR DEFAULT 'neutral'")


def m006_unconfirmed_names(con: duckdb.DuckDBPyConnection) -> None:
    # One row per article in which a company's common-word name appears but could not be
    # confirmed as the company: `source list`, `brief` and `points` say so when that is most
    # of a company's own articles. Replaced with the article's mentions at every analysis.
    con.execute("CREATE TABLE unconfirmed_names (article_id VARCHAR NOT NULL, company VARCHAR NOT NULL)")


def m007_follow_ups_sent(con: duckdb.DuckDBPyConnection) -> None:
    # One row per follow-up that went out, so what is due next can account for it: no second
    # thank-you, a check-in when the timeline runs out, and "stop" after two check-ins.
    con.execute("CREATE SEQUENCE follow_up_sent_ids START 1")
    con.execute(
        """
        CREATE TABLE follow_ups_sent (
            id BIGINT PRIMARY KEY DEFAULT nextval('follow_up_sent_ids'),
            interview_id BIGINT NOT NULL,
            kind VARCHAR NOT NULL,            -- thank-you or check-in
            channel VARCHAR NOT NULL,         -- email, linkedin or call
            sent_on DATE NOT NULL,
            created_at TIMESTAMPTZ NOT NULL
        )
        """
    )


def m008_search_token_scheme(con: duckdb.DuckDBPyConnection) -> None:
    # Search tokens are word stems from now on. A store with no tokens yet (a new one) holds
    # only stems from its first fetch on; one with tokens holds plain words, so it is left
    # unmarked: search then also tries the plain word and suggests `tidings reanalyze`, which
    # rebuilds every token and marks the store (analysis/ingest.reanalyse_all).
    if con.execute("SELECT count(*) FROM (SELECT 1 FROM tokens LIMIT 1)").fetchone()[0] == 0:
        con.execute(
            "INSERT OR REPLACE INTO settings VALUES ('search_tokens', 'snowball-english-1')"
        )


def m009_interview_timeline_given(con: duckdb.DuckDBPyConnection) -> None:
    # Whether --timeline was given: the default 7 was stored alike, and "the 7 days they gave
    # ran out" was said to a user who gave none. Stored rows keep NULL (not known).
    con.execute("ALTER TABLE interviews ADD COLUMN timeline_given BOOLEAN")


def m010_follow_up_references(con: duckdb.DuckDBPyConnection) -> None:
    # The stories each sent follow-up quoted, so the next draft for that interview does not
    # retell them. A new table: every stored row stays; follow-ups sent before it have none
    # recorded (nothing known to avoid).
    con.execute(
        """
        CREATE TABLE follow_up_references (
            follow_up_id BIGINT NOT NULL,
            interview_id BIGINT NOT NULL,
            story VARCHAR,                    -- coalesce(story_id, article id) when sent
            url VARCHAR NOT NULL,             -- the link quoted: survives a reanalysed story
            title VARCHAR NOT NULL
        )
        """
    )


MIGRATIONS: list[Migration] = [
    ("001_initial", m001_initial),
    ("002_analysis", m002_analysis),
    ("003_interviews", m003_interviews),
    ("004_stories_and_notes", m004_stories_and_notes),
    ("005_event_tone", m005_event_tone),
    ("006_unconfirmed_names", m006_unconfirmed_names),
    ("007_follow_ups_sent", m007_follow_ups_sent),
    ("008_search_token_scheme", m008_search_token_scheme),
    ("009_interview_timeline_given", m009_interview_timeline_given),
    ("010_follow_up_references", m010_follow_up_references),
]
