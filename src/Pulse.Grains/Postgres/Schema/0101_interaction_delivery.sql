-- Delivery reads the log by partition in commit order (see LogCursor): the partition of a row is a
-- stable hash of its customer id, and txid is the id of the transaction that wrote it. Rows logged
-- before this version were delivered by the release that logged them; they keep txid 0, behind
-- every cursor created here.
ALTER TABLE pulse_interactions ADD COLUMN IF NOT EXISTS partition smallint NOT NULL DEFAULT 0;
ALTER TABLE pulse_interactions ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT '0';
ALTER TABLE pulse_interactions ALTER COLUMN txid SET DEFAULT pg_current_xact_id();
ALTER TABLE pulse_interactions ALTER COLUMN partition DROP DEFAULT;

CREATE INDEX IF NOT EXISTS pulse_interactions_delivery ON pulse_interactions (partition, txid, position);

-- Where delivery of each partition stands: every row at or before (txid, position) reached its customer.
CREATE TABLE IF NOT EXISTS pulse_delivery_cursors (
    partition  smallint PRIMARY KEY,
    txid       xid8        NOT NULL,
    position   bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO pulse_delivery_cursors (partition, txid, position)
SELECT p, '0'::xid8, coalesce((SELECT max(position) FROM pulse_interactions), 0)
FROM generate_series(0, 7) AS p
ON CONFLICT (partition) DO NOTHING;
