-- Databases provisioned for apps in the platform's PostgreSQL.
CREATE TABLE app_database (
    name         TEXT PRIMARY KEY,
    owner_role   TEXT        NOT NULL,
    namespace    TEXT        NOT NULL,
    secret_name  TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by   TEXT        NOT NULL
);

-- Every change this service made (buckets, volumes, databases), written in the transaction that appends its event.
CREATE TABLE storage_audit (
    id         BIGSERIAL PRIMARY KEY,
    event_type TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    actor      TEXT,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Volumes currently above the nearly-full threshold: volume.nearly_full is emitted once per crossing.
CREATE TABLE volume_nearly_full (
    namespace TEXT        NOT NULL,
    name      TEXT        NOT NULL,
    since     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (namespace, name)
);
