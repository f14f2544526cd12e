-- The durable interaction log: every accepted interaction, once per event id, in acceptance order.
CREATE TABLE IF NOT EXISTS pulse_interactions (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        text        NOT NULL,
    customer_id     text        NOT NULL,
    event_time      timestamptz NOT NULL,
    channel         smallint    NOT NULL,
    kind            smallint    NOT NULL,
    amount          numeric,
    text            text,
    counterparty_id text,
    properties      jsonb,
    accepted_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pulse_interactions_event_id_unique UNIQUE (event_id)
);

-- Replay reads one customer's interactions after a position.
CREATE INDEX IF NOT EXISTS pulse_interactions_customer_position ON pulse_interactions (customer_id, position);

-- Backfill and audit read by event time.
CREATE INDEX IF NOT EXISTS pulse_interactions_event_time ON pulse_interactions (event_time);
