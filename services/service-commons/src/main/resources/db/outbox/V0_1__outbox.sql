-- Transactional outbox: a change and the event announcing it commit together; the relay publishes to Kafka.
CREATE TABLE outbox (
    seq           BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    source        TEXT        NOT NULL,
    subject       TEXT,
    event_time    TIMESTAMPTZ NOT NULL,
    -- TEXT, not JSONB: the bytes published are exactly the bytes stored, field order included.
    data          TEXT        NOT NULL,
    trace_parent  TEXT,
    trace_state   TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts      INT         NOT NULL DEFAULT 0,
    last_error    TEXT,
    published_at  TIMESTAMPTZ
);

CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
