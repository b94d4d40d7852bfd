-- Webhook endpoints: registered through the API or declared statically in configuration (is_static).
CREATE TABLE endpoint (
    id                       TEXT PRIMARY KEY,
    url                      TEXT        NOT NULL,
    description              TEXT,
    enabled                  BOOLEAN     NOT NULL DEFAULT true,
    disabled_reason          TEXT,
    filter_types             TEXT[]      NOT NULL DEFAULT '{*}',
    namespaces_include       TEXT[]      NOT NULL DEFAULT '{}',
    namespaces_exclude       TEXT[]      NOT NULL DEFAULT '{}',
    headers                  JSONB       NOT NULL DEFAULT '{}',
    rate_limit_per_second    INTEGER,
    retry_schedule           TEXT,
    secret                   TEXT        NOT NULL,
    previous_secret          TEXT,
    previous_secret_until    TIMESTAMPTZ,
    ed25519_private_key      TEXT,
    ed25519_public_key       TEXT,
    is_static                BOOLEAN     NOT NULL DEFAULT false,
    failing_since            TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One consumed platform event (or test ping). The id is the webhook-id, derived from the CloudEvents id so that a
-- redelivered Kafka record maps onto the same row; the body is stored exactly as signed.
CREATE TABLE message (
    id           TEXT PRIMARY KEY,
    event_type   TEXT        NOT NULL,
    namespace    TEXT,
    body         TEXT        NOT NULL,
    traceparent  TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX message_created_idx ON message (created_at);
CREATE INDEX message_type_idx ON message (event_type, created_at);

-- The queue: one row per message and endpoint. A worker leases due rows (lease_until) so that a crash mid-attempt
-- only delays the row until the lease expires.
CREATE TABLE delivery (
    id               BIGSERIAL PRIMARY KEY,
    message_id       TEXT        NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    endpoint_id      TEXT        NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    status           TEXT        NOT NULL DEFAULT 'pending',
    attempt_count    INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until      TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (message_id, endpoint_id)
);
CREATE INDEX delivery_due_idx ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_endpoint_idx ON delivery (endpoint_id, status);

-- Every HTTP attempt, for the delivery log.
CREATE TABLE attempt (
    id               BIGSERIAL PRIMARY KEY,
    delivery_id      BIGINT      NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    message_id       TEXT        NOT NULL,
    endpoint_id      TEXT        NOT NULL,
    attempt_number   INTEGER     NOT NULL,
    attempted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome          TEXT        NOT NULL,
    status_code      INTEGER,
    latency_ms       BIGINT,
    response_excerpt TEXT,
    error            TEXT
);
CREATE INDEX attempt_endpoint_idx ON attempt (endpoint_id, attempted_at);
CREATE INDEX attempt_message_idx ON attempt (message_id);
