-- The trigger outbox (docs/triggers.md, "Delivery: outbox and webhooks"): every firing once per idempotency
-- key, and one delivery row per webhook of its rule, claimed by silos with a lease.
CREATE TABLE IF NOT EXISTS pulse_trigger_firings (
    idempotency_key text COLLATE "C" PRIMARY KEY,
    rule_id         text COLLATE "C" NOT NULL,
    rule_version    bigint           NOT NULL,
    customer_id     text COLLATE "C" NOT NULL,
    fired_at        timestamptz      NOT NULL,
    payload         jsonb            NOT NULL, -- the FiredTrigger as webhooks receive it (camelCase)
    stored_at       timestamptz      NOT NULL DEFAULT now(),
    -- The live feed's order: (txid, feed_position), read only below the snapshot's xmin, as the
    -- interaction log is, so a transaction that commits late cannot slip behind a reader.
    txid            xid8             NOT NULL DEFAULT pg_current_xact_id(),
    feed_position   bigserial        NOT NULL
);

CREATE INDEX IF NOT EXISTS pulse_trigger_firings_feed ON pulse_trigger_firings (txid, feed_position);

-- History: a rule's and a customer's firings, newest first.
CREATE INDEX IF NOT EXISTS pulse_trigger_firings_by_rule ON pulse_trigger_firings (rule_id, fired_at DESC, idempotency_key DESC);
CREATE INDEX IF NOT EXISTS pulse_trigger_firings_by_customer ON pulse_trigger_firings (customer_id, fired_at DESC, idempotency_key DESC);

-- state: 0 pending, 1 delivered, 2 dead-lettered (DeliveryState). attempts counts claims, so an attempt
-- cut short by a silo that died is spent too.
CREATE TABLE IF NOT EXISTS pulse_trigger_deliveries (
    id              bigserial PRIMARY KEY,
    idempotency_key text COLLATE "C" NOT NULL REFERENCES pulse_trigger_firings (idempotency_key) ON DELETE CASCADE,
    url             text        NOT NULL,
    secret_name     text,                      -- null: the deployment's default secret
    state           smallint    NOT NULL DEFAULT 0,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,               -- when pending: due at; null once delivered or dead
    leased_until    timestamptz,               -- claimed by a silo until then
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    last_error      text
);

CREATE INDEX IF NOT EXISTS pulse_trigger_deliveries_by_firing ON pulse_trigger_deliveries (idempotency_key, id);

-- The claim scans only pending deliveries, oldest due first.
CREATE INDEX IF NOT EXISTS pulse_trigger_deliveries_due ON pulse_trigger_deliveries (next_attempt_at, id) WHERE state = 0;

-- The dead-letter list, newest first.
CREATE INDEX IF NOT EXISTS pulse_trigger_deliveries_dead ON pulse_trigger_deliveries (last_attempt_at DESC, id DESC) WHERE state = 2;
