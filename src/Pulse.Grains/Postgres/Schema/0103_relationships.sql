-- The relationship graph is rebuilt from the interactions that name a counterparty, per partition in
-- commit order: a partial index keeps that read to those rows.
CREATE INDEX IF NOT EXISTS pulse_interactions_relationships ON pulse_interactions (partition, txid, position)
    WHERE counterparty_id IS NOT NULL;
