"""The store's tables, created and upgraded by ordered migrations.

Each migration is a list of SQL statements that takes the database from version ``n - 1`` to ``n``;
``schema_version`` keeps one row per applied migration. A database is migrated when it is opened
for writing, inside one transaction, so a failed upgrade leaves the old version intact. Never edit a
migration that has shipped: append a new one.

Columns named ``start`` and ``end`` are character offsets into ``articles.text``, half-open, as in the
JSON record; ``end`` is an SQL keyword, so queries quote it.
"""
from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "current_version", "migrate"]

_V1_ARTICLES = [
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        source_path VARCHAR, source_url VARCHAR, warc_record_id VARCHAR,
        title VARCHAR, dek VARCHAR, authors VARCHAR[], publisher VARCHAR,
        published VARCHAR, updated VARCHAR, language VARCHAR, extractor VARCHAR,
        text VARCHAR NOT NULL,
        date_start DATE, date_end DATE, period_precision VARCHAR,  -- the period 'published' covers
        outlet VARCHAR,            -- publisher, else the URL's domain, normalised: counts num_sources
        record JSON NOT NULL,      -- the whole DESIGN.md record, as analysed
        versions JSON,             -- coder / lexicon / model versions that produced the record
        added_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE entities (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        text VARCHAR, label VARCHAR, start INTEGER, "end" INTEGER,
        actor_code VARCHAR, actor_sector VARCHAR, actor_name VARCHAR
    )""",
    """CREATE TABLE quotes (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        text VARCHAR, start INTEGER, "end" INTEGER, kind VARCHAR,
        speaker_name VARCHAR, speaker_mention VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
        speaker_role VARCHAR, speaker_organization VARCHAR,
        speaker_code VARCHAR, speaker_sector VARCHAR, speaker_actor_name VARCHAR,
        cue VARCHAR, confidence DOUBLE
    )""",
    """CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        type VARCHAR, mode VARCHAR, cameo_root VARCHAR, quad_class INTEGER, intensity DOUBLE,
        negated BOOLEAN, hypothetical BOOLEAN,
        source_text VARCHAR, source_code VARCHAR, source_sector VARCHAR,
        target_text VARCHAR, target_code VARCHAR, target_sector VARCHAR,
        date VARCHAR, date_precision VARCHAR,
        date_start DATE, date_end DATE,  -- period of the event's date, else of the article's
        period_precision VARCHAR,        -- day, month or year: of that period
        date_basis VARCHAR,              -- 'event' or 'published': where the period came from
        trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
        confidence DOUBLE,
        story_key VARCHAR                -- blocking key of story-event merging (detente.stories)
    )""",
    """CREATE TABLE figures (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        text VARCHAR, start INTEGER, "end" INTEGER, value DOUBLE, unit VARCHAR,
        quantity VARCHAR, date VARCHAR, source VARCHAR
    )""",
    """CREATE TABLE ingest_log (
        source VARCHAR PRIMARY KEY,  -- the source label: path, or path#n for an archive member
        path VARCHAR, url VARCHAR, warc_record_id VARCHAR,
        status VARCHAR NOT NULL, reason VARCHAR, article_id VARCHAR,
        first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL
    )""",
]

_V2_STORIES = [
    """CREATE TABLE story_events (
        id VARCHAR PRIMARY KEY, story_key VARCHAR NOT NULL,
        type VARCHAR, mode VARCHAR, cameo_root VARCHAR, quad_class INTEGER, intensity DOUBLE,
        negated BOOLEAN, hypothetical BOOLEAN,
        source_text VARCHAR, source_code VARCHAR, source_sector VARCHAR,
        target_text VARCHAR, target_code VARCHAR, target_sector VARCHAR,
        date VARCHAR, date_precision VARCHAR, date_start DATE, date_end DATE,
        first_date DATE, last_date DATE,
        num_reports INTEGER, num_articles INTEGER, num_sources INTEGER,
        event_id VARCHAR, article_id VARCHAR,  -- the representative report
        evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
        source_url VARCHAR
    )""",
    """CREATE TABLE event_story (event_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL)""",
]

MIGRATIONS: list[list[str]] = [_V1_ARTICLES, _V2_STORIES]
"""MIGRATIONS[n - 1] takes the schema from version n - 1 to n."""

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con) -> int:
    """The schema version of an open database (0 for an empty one)."""
    has_table = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not has_table:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations after the database's version up to ``target``, in one transaction.

    Returns the version the database had before.
    """
    before = current_version(con)
    if before >= target:
        return before
    con.execute("BEGIN TRANSACTION")
    try:
        if before == 0:
            con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
        for version in range(before + 1, target + 1):
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP)", [version])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return before
