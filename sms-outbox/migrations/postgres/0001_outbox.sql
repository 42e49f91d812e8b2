-- A campaign: one provider, one message template (the provider's request as JSON).
CREATE TABLE outbox_campaigns (
    id TEXT PRIMARY KEY NOT NULL,
    provider TEXT NOT NULL,
    template TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- One row per recipient, unique per caller key. `state`: queued, in_flight, sent,
-- refused, unknown. Times are milliseconds since the Unix epoch.
CREATE TABLE outbox_recipients (
    seq BIGSERIAL PRIMARY KEY,
    campaign TEXT NOT NULL REFERENCES outbox_campaigns (id),
    key TEXT NOT NULL,
    phone TEXT NOT NULL,
    params TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until BIGINT,
    gateway_id TEXT,
    code TEXT,
    message TEXT,
    retryable BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    UNIQUE (campaign, key)
);

CREATE INDEX outbox_recipients_state ON outbox_recipients (campaign, state, seq);
