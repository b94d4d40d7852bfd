-- Alerts: every firing and its resolution, kept for GET /api/v1/alerts.
CREATE TABLE alert_history (
    id           BIGSERIAL PRIMARY KEY,
    fingerprint  TEXT        NOT NULL,
    rule         TEXT        NOT NULL,
    severity     TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    value        DOUBLE PRECISION,
    message      TEXT        NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ
);
CREATE INDEX alert_history_fingerprint ON alert_history (fingerprint, starts_at DESC);
