//! The schema, as a list of migrations: version N of a store has run the first N. A migration
//! never changes once released; a change of schema is a new one.

pub(super) const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    "CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,            -- pull | report
        trigger TEXT NOT NULL,         -- scheduled | catch-up | manual | api
        period TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,          -- running | succeeded | failed | held
        error TEXT,
        hold_reason TEXT,
        released_at TEXT
    );
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        UNIQUE (source, sha256)
    );
    CREATE TABLE source_checks (
        source TEXT PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
        checked_at TEXT NOT NULL
    );
    CREATE TABLE run_snapshots (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
        PRIMARY KEY (run_id, snapshot_id)
    );
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        period TEXT NOT NULL,
        audience_kind TEXT NOT NULL,   -- municipality | region | corporation
        audience_code TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX reports_period ON reports(period);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES reports(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        dedup_key TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,          -- held | pending | sending | sent | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        message_id TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE TABLE schedule_state (
        job TEXT PRIMARY KEY,
        last_fire TEXT NOT NULL
    );",
    // 2: typed states under CHECK constraints, and why a run failed as a value of its own.
    "CREATE TABLE runs_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('pull', 'report')),
        trigger TEXT NOT NULL CHECK (trigger IN ('scheduled', 'catch-up', 'manual', 'api')),
        period TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'held')),
        failure TEXT CHECK (failure IN ('error', 'interrupted', 'timed-out')),
        error TEXT,
        hold_reason TEXT,
        released_at TEXT,
        CHECK ((status = 'failed') = (failure IS NOT NULL))
    );
    INSERT INTO runs_new
        SELECT id, kind, trigger, period, started_at, finished_at, status,
            CASE WHEN status <> 'failed' THEN NULL
                 WHEN error LIKE 'interrupted%' THEN 'interrupted'
                 WHEN error LIKE 'timed out%' THEN 'timed-out'
                 ELSE 'error' END,
            error, hold_reason, released_at
        FROM runs;
    DROP TABLE runs;
    ALTER TABLE runs_new RENAME TO runs;

    CREATE TABLE snapshots_new (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('applications', 'deliveries', 'commitments')),
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        UNIQUE (source, sha256)
    );
    INSERT INTO snapshots_new SELECT * FROM snapshots;
    DROP TABLE snapshots;
    ALTER TABLE snapshots_new RENAME TO snapshots;

    CREATE TABLE reports_new (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        period TEXT NOT NULL,
        audience_kind TEXT NOT NULL CHECK (audience_kind IN ('municipality', 'region', 'corporation')),
        audience_code TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    INSERT INTO reports_new SELECT * FROM reports;
    DROP TABLE reports;
    ALTER TABLE reports_new RENAME TO reports;
    CREATE INDEX reports_period ON reports(period);

    CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES reports(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        dedup_key TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('held', 'pending', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        message_id TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT
    );
    INSERT INTO outbox_new SELECT * FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;

    CREATE TABLE schedule_state_new (
        job TEXT PRIMARY KEY CHECK (job IN ('pull', 'report')),
        last_fire TEXT NOT NULL
    );
    INSERT INTO schedule_state_new SELECT * FROM schedule_state;
    DROP TABLE schedule_state;
    ALTER TABLE schedule_state_new RENAME TO schedule_state;",
    // 3: delivery guarantees. A run's scope (only a complete scheduled run satisfies the
    // schedule) and its owning process; outbox rows claimed with an owner and a lease, and
    // cancelled by an operator; the outbox's blocked state; jobs from the API.
    "ALTER TABLE runs ADD COLUMN scope TEXT NOT NULL DEFAULT 'all'
        CHECK (scope IN ('all', 'municipality', 'region', 'corporation'));
    ALTER TABLE runs ADD COLUMN scope_code TEXT NOT NULL DEFAULT '';
    CREATE INDEX runs_period ON runs(kind, period);

    CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES reports(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        dedup_key TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('held', 'pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        message_id TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT,
        owner TEXT,
        lease_until TEXT,
        CHECK ((status = 'sending') = (owner IS NOT NULL AND lease_until IS NOT NULL))
    );
    INSERT INTO outbox_new (id, report_id, run_id, dedup_key, recipient, subject, body, status,
            attempts, last_error, message_id, next_attempt_at, sent_at, owner, lease_until)
        SELECT id, report_id, run_id, dedup_key, recipient, subject, body,
            CASE status WHEN 'sending' THEN 'pending' ELSE status END,
            attempts, last_error, message_id, next_attempt_at, sent_at, NULL, NULL
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    CREATE INDEX outbox_run ON outbox(run_id);

    CREATE TABLE outbox_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- The first transport failure since the last delivery (NULL: not blocked).
        blocked_since TEXT,
        -- Transport failures in a row, for the backoff.
        failures INTEGER NOT NULL DEFAULT 0,
        -- No pass before this time.
        next_try_at TEXT,
        last_error TEXT,
        -- When the operator was told about the current blockage.
        alerted_at TEXT
    );
    INSERT INTO outbox_state (id) VALUES (1);

    CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('regenerate')),
        request TEXT NOT NULL,
        idempotency_key TEXT UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        run_id INTEGER REFERENCES runs(id),
        error TEXT,
        requested_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
    );",
    // 4: feeds (several per source kind, each with its own snapshots and checks), what a pull
    // left out of a snapshot, purges, and the purge runs that record them.
    "CREATE TABLE runs_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('pull', 'report', 'purge')),
        trigger TEXT NOT NULL CHECK (trigger IN ('scheduled', 'catch-up', 'manual', 'api')),
        period TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'held')),
        failure TEXT CHECK (failure IN ('error', 'interrupted', 'timed-out')),
        error TEXT,
        hold_reason TEXT,
        released_at TEXT,
        scope TEXT NOT NULL DEFAULT 'all'
            CHECK (scope IN ('all', 'municipality', 'region', 'corporation')),
        scope_code TEXT NOT NULL DEFAULT '',
        CHECK ((status = 'failed') = (failure IS NOT NULL))
    );
    INSERT INTO runs_new SELECT id, kind, trigger, period, started_at, finished_at, status,
        failure, error, hold_reason, released_at, scope, scope_code FROM runs;
    DROP TABLE runs;
    ALTER TABLE runs_new RENAME TO runs;
    CREATE INDEX runs_period ON runs(kind, period);

    CREATE TABLE snapshots_new (
        id INTEGER PRIMARY KEY,
        feed TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('applications', 'deliveries', 'commitments')),
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        origin TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        -- Warnings of the pull (columns left out, encoding), as a JSON list.
        notes TEXT NOT NULL DEFAULT '[]',
        -- When the stored file was deleted by retention (the record stays).
        purged_at TEXT,
        UNIQUE (feed, sha256)
    );
    INSERT INTO snapshots_new (id, feed, source, sha256, path, origin, fetched_at, bytes, etag,
            last_modified)
        SELECT id, source, source, sha256, path, origin, fetched_at, bytes, etag, last_modified
        FROM snapshots;
    DROP TABLE snapshots;
    ALTER TABLE snapshots_new RENAME TO snapshots;

    CREATE TABLE source_checks_new (
        feed TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('applications', 'deliveries', 'commitments')),
        snapshot_id INTEGER REFERENCES snapshots(id),
        checked_at TEXT NOT NULL,
        -- Why the latest pull of the feed was refused (personal data, too large…); NULL: it was not.
        refused TEXT
    );
    INSERT INTO source_checks_new SELECT source, source, snapshot_id, checked_at, NULL
        FROM source_checks;
    DROP TABLE source_checks;
    ALTER TABLE source_checks_new RENAME TO source_checks;",
    // 5: a snapshot keeps the delivered file's projection (mapped columns only), not its bytes.
    // A note on a run (what a purge deleted).
    "ALTER TABLE snapshots ADD COLUMN projection INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN note TEXT;",
    // 6: the audit trail of operators' actions, and what each report run read per feed.
    "CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        run_id INTEGER,
        job_id INTEGER,
        mail_id INTEGER,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_run ON audit(run_id);
    CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        feed TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('applications', 'deliveries', 'commitments')),
        read INTEGER NOT NULL,
        accepted INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        blank INTEGER NOT NULL,
        -- JSON: the warnings (headers and counts, never cell values) and the rejected rows
        -- counted by kind of reason (values masked).
        warnings TEXT NOT NULL DEFAULT '[]',
        reasons TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, feed)
    );",
    // 7: the HTML alternative of a mail's body.
    "ALTER TABLE outbox ADD COLUMN body_html TEXT;",
    // 8: what a report run covers (month: the year to date; quarter; year).
    "ALTER TABLE runs ADD COLUMN span TEXT NOT NULL DEFAULT 'month';",
    // 9: the console's sessions survive a restart. Only the SHA-256 of a session id is kept
    // (the cookie holds the id); a proxy user's session is keyed by the user.
    "CREATE TABLE console_sessions (
        id_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        csrf TEXT NOT NULL,
        via_proxy INTEGER NOT NULL CHECK (via_proxy IN (0, 1)),
        created_at TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);",
    // 10: the SHA-256 of a document's Excel annex, checked before it is mailed like the PDF's
    // (NULL: made before this version, not attached).
    "ALTER TABLE reports ADD COLUMN annex_sha256 TEXT;",
    // 11: the portal. Accounts of outside organisations' people ('corporation:CODE' or
    // 'applications'); single-use sign-in links and sessions, only SHA-256s of their secrets;
    // uploads waiting for confirmation (the file itself in the state folder, deleted when
    // confirmed or after portal.upload_hours), and which snapshot a confirmed one became, with
    // who delivered it and up to which day it is complete.
    "CREATE TABLE portal_accounts (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        organisation TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        disabled_at TEXT
    );
    CREATE TABLE portal_links (
        token_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES portal_accounts(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
    );
    CREATE TABLE portal_sessions (
        id_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES portal_accounts(id),
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE TABLE portal_uploads (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES portal_accounts(id),
        feed TEXT NOT NULL,
        extension TEXT NOT NULL CHECK (extension IN ('csv', 'xlsx')),
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        path TEXT NOT NULL,
        preview TEXT NOT NULL,
        created_at TEXT NOT NULL,
        confirmed_at TEXT,
        covers_until TEXT,
        snapshot_id INTEGER REFERENCES snapshots(id),
        deleted_at TEXT
    );
    CREATE INDEX portal_uploads_snapshot ON portal_uploads(snapshot_id);
    -- A corporation's commitments per municipality and year, entered in the portal: submitted,
    -- then approved (they replace the commitments file's rows for that corporation and year)
    -- or returned by an operator; a later submission replaces an earlier one not yet decided.
    CREATE TABLE portal_commitments (
        id INTEGER PRIMARY KEY,
        corporation TEXT NOT NULL,
        municipality TEXT NOT NULL,
        year INTEGER NOT NULL,
        lower INTEGER NOT NULL CHECK (lower >= 0),
        upper INTEGER NOT NULL CHECK (upper >= lower),
        status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'returned', 'replaced')),
        submitted_by TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT
    );
    CREATE INDEX portal_commitments_of ON portal_commitments(corporation, year, status);
    CREATE TABLE outbox_new (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES reports(id),
        -- NULL: a mail of no run (a portal sign-in link).
        run_id INTEGER REFERENCES runs(id),
        dedup_key TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('held', 'pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        message_id TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT,
        owner TEXT,
        lease_until TEXT,
        body_html TEXT,
        CHECK ((status = 'sending') = (owner IS NOT NULL AND lease_until IS NOT NULL))
    );
    INSERT INTO outbox_new (id, report_id, run_id, dedup_key, recipient, subject, body, status,
            attempts, last_error, message_id, next_attempt_at, sent_at, owner, lease_until, body_html)
        SELECT id, report_id, run_id, dedup_key, recipient, subject, body, status,
            attempts, last_error, message_id, next_attempt_at, sent_at, owner, lease_until, body_html
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    CREATE INDEX outbox_run ON outbox(run_id);",
    // 12: what a report run told the operator about the feeds together (JSON list of Dutch
    // texts, never a cell's value), e.g. home numbers two corporations both deliver.
    "ALTER TABLE runs ADD COLUMN notices TEXT NOT NULL DEFAULT '[]';",
    // 13: the year-end forecast. Per report, its scope's forecast (JSON: expected, band,
    // chances, needed per month; NULL for a year that is over or an older version's report);
    // per run, the scopes at risk of ending below their lower bound (JSON list); and the early
    // warnings sent, exactly one per scope and year.
    "ALTER TABLE reports ADD COLUMN forecast TEXT;
    ALTER TABLE runs ADD COLUMN at_risk TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE forecast_warnings (
        scope TEXT NOT NULL,
        year INTEGER NOT NULL,
        period TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        p_below_lower REAL NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (scope, year)
    );",
    // 14: what a corporation delivers is judged before it counts. A delivery that raises months
    // already reported far beyond the corporation's previous one is kept but held (not the
    // feed's current snapshot) until an operator approves or rejects it; a snapshot approved
    // later is in force from then (`in_force_from`). Conflicts between a delivery and the
    // applications register are decided by an operator: which corporation's home counts for
    // an application (none: `corporation` NULL).
    "ALTER TABLE snapshots ADD COLUMN in_force_from TEXT;
    CREATE TABLE held_deliveries (
        snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id),
        feed TEXT NOT NULL,
        previous_snapshot_id INTEGER REFERENCES snapshots(id),
        findings TEXT NOT NULL,
        rows TEXT NOT NULL,
        held_at TEXT NOT NULL,
        decision TEXT CHECK (decision IN ('approved', 'rejected', 'superseded')),
        decided_by TEXT,
        decided_at TEXT
    );
    ALTER TABLE runs ADD COLUMN conflicts TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE application_decisions (
        application_id TEXT PRIMARY KEY,
        corporation TEXT,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );",
];
