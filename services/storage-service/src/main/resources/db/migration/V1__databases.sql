-- Databases provisioned for apps in the platform's PostgreSQL.
CREATE TABLE app_database (
    name         TEXT PRIMARY KEY,
    owner_role   TEXT        NOT NULL,
    namespace    TEXT        NOT NULL,
    secret_name  TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by   TEXT        NOT NULL
);
