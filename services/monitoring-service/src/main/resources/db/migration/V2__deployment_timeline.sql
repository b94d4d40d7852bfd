-- Rollout timeline: the platform.deployments events this service consumed, one row per CloudEvents id.
CREATE TABLE deployment_timeline (
    ce_id       TEXT PRIMARY KEY,
    ce_type     TEXT        NOT NULL,
    ce_source   TEXT        NOT NULL,
    ce_time     TIMESTAMPTZ NOT NULL,
    namespace   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    trace_id    TEXT,
    data        JSONB       NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX deployment_timeline_app ON deployment_timeline (namespace, name, ce_time);
