-- Webhook endpoints registered through the API.
CREATE TABLE endpoint (
    id           TEXT PRIMARY KEY,
    url          TEXT        NOT NULL,
    description  TEXT,
    enabled      BOOLEAN     NOT NULL DEFAULT true,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
