-- Open311 GeoReport v2: the link to a photo held elsewhere that a client files with a
-- request (media_url), and the API keys that file and read requests as an enterprise
-- account. A key is found by the SHA-256 of its text; the text itself is never stored.
ALTER TABLE service_requests ADD COLUMN media_url TEXT;

CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest     TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX api_keys_by_user ON api_keys (user_id);

-- Open311 lists requests by when they were filed, newest first, within at most 90 days.
CREATE INDEX service_requests_by_submission ON service_requests (submitted_at);
