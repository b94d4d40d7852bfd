-- Audit history of every change made through the API or a PlatformApp: who, when, what, result.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    namespace   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    details     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    result      TEXT        NOT NULL,
    message     TEXT
);

CREATE INDEX audit_log_app ON audit_log (namespace, name, at DESC);
