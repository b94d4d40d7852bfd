-- Rollout outcomes already announced (deployment.ready / deployment.failed): one event per Deployment revision,
-- across restarts and replicas of the service.
CREATE TABLE rollout_outcome (
    uid         TEXT        NOT NULL,
    revision    BIGINT      NOT NULL,
    outcome     TEXT        NOT NULL,
    namespace   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (uid, revision, outcome)
);
