-- Alerts: every firing and its resolution, kept for GET /api/v1/alerts.
CREATE TABLE alert_history (
    id           BIGSERIAL PRIMARY KEY,
    fingerprint  TEXT        NOT NULL,
    rule         TEXT        NOT NULL,
    severity     TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    value        DOUBLE PRECISION,
    threshold    DOUBLE PRECISION,
    message      TEXT        NOT NULL,
    labels       JSONB       NOT NULL DEFAULT '{}',
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ
);
CREATE INDEX alert_history_fingerprint ON alert_history (fingerprint, starts_at DESC);
-- At most one firing row per fingerprint: the engine's dedupe, enforced by the database too.
CREATE UNIQUE INDEX alert_history_one_firing ON alert_history (fingerprint) WHERE status = 'firing';
