-- Everything past the map: park and parcel details, enterprises and their yearly
-- figures, certificates, scoring profiles and evaluation runs, service requests,
-- investment inquiries, users and sessions; and the two tables that serve
-- offline clients: the change log behind GET /changes and the record of applied
-- client operations that makes every write idempotent.
--
-- Structured details (targets, 标准地 terms, yearly figures, profiles, results)
-- are JSON text checked by parkatlas-core's types before they are written;
-- columns exist for what queries filter or join on.

ALTER TABLE parks ADD COLUMN level TEXT NOT NULL DEFAULT 'municipal'
    CHECK (level IN ('national', 'provincial', 'municipal'));
ALTER TABLE parks ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE parks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE enterprises (
    id            INTEGER PRIMARY KEY,
    park_id       INTEGER NOT NULL REFERENCES parks (id),
    credit_code   TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    industry_code TEXT NOT NULL,
    size_class    TEXT NOT NULL CHECK (size_class IN ('large', 'medium', 'small', 'micro')),
    cohort        TEXT NOT NULL CHECK (cohort IN ('above_scale', 'below_scale')),
    public        TEXT NOT NULL DEFAULT '{}',
    private       TEXT NOT NULL DEFAULT '{}',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX enterprises_by_park ON enterprises (park_id);

ALTER TABLE parcels ADD COLUMN supply_mode TEXT;
ALTER TABLE parcels ADD COLUMN occupant_id INTEGER REFERENCES enterprises (id);
ALTER TABLE parcels ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE parcels ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE annual_data (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    figures       TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (enterprise_id, year)
);

CREATE TABLE certificates (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    number        TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    expires_on    TEXT NOT NULL CHECK (expires_on >= issued_on),
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX certificates_by_enterprise ON certificates (enterprise_id);

CREATE TABLE scoring_profiles (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    body    TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE evaluation_runs (
    id              INTEGER PRIMARY KEY,
    profile_id      INTEGER NOT NULL REFERENCES scoring_profiles (id),
    park_id         INTEGER REFERENCES parks (id),
    year            INTEGER NOT NULL,
    evaluation_date TEXT NOT NULL,
    summary         TEXT NOT NULL,
    created_by      INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE evaluation_results (
    run_id        INTEGER NOT NULL REFERENCES evaluation_runs (id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    park_id       INTEGER NOT NULL REFERENCES parks (id),
    result        TEXT NOT NULL,
    PRIMARY KEY (run_id, enterprise_id)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('enterprise', 'officer', 'admin')),
    enterprise_id INTEGER REFERENCES enterprises (id),
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK ((role = 'enterprise') = (enterprise_id IS NOT NULL))
);

CREATE TABLE user_parks (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    park_id INTEGER NOT NULL REFERENCES parks (id),
    PRIMARY KEY (user_id, park_id)
);

-- A session is found by the SHA-256 of its cookie token; the token itself is never stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE service_requests (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    park_id       INTEGER NOT NULL REFERENCES parks (id),
    category      TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    state         TEXT NOT NULL,
    rating        TEXT,
    submitted_at  TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX service_requests_by_park ON service_requests (park_id);
CREATE INDEX service_requests_by_enterprise ON service_requests (enterprise_id);

CREATE TABLE request_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    from_state TEXT,
    to_state   TEXT NOT NULL,
    rating     TEXT,
    note       TEXT NOT NULL
);
CREATE INDEX request_events_by_request ON request_events (request_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content      BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX attachments_by_request ON attachments (request_id);

CREATE TABLE inquiries (
    id         INTEGER PRIMARY KEY,
    reference  TEXT NOT NULL UNIQUE,
    park_id    INTEGER NOT NULL REFERENCES parks (id),
    parcel_id  INTEGER REFERENCES parcels (id),
    body       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('new', 'answered', 'closed')),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inquiries_by_park ON inquiries (park_id);

-- One row per record that changed, its latest change only: `seq` is the sync cursor.
-- `audience` says who may see the change: everyone ('public'), callers whose
-- enterprise or parks match the scope columns ('scoped'), or admins ('admin').
CREATE TABLE change_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    row_id        INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    deleted       INTEGER NOT NULL,
    audience      TEXT NOT NULL CHECK (audience IN ('public', 'scoped', 'admin')),
    park_id       INTEGER,
    enterprise_id INTEGER,
    UNIQUE (kind, row_id)
);

-- Client operation ids already applied, with the response they produced.
CREATE TABLE operations (
    key        TEXT PRIMARY KEY,
    method     TEXT NOT NULL,
    path       TEXT NOT NULL,
    status     INTEGER NOT NULL,
    etag       TEXT,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
