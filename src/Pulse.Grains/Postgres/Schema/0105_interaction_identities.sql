-- Identifiers an event carried for its customer (docs/identity.md): a JSON array of
-- {"key": {"type": "device", "value": "..."}, "verified": true}. Emails and phones are keyed hashes, never clear.
ALTER TABLE pulse_interactions ADD COLUMN IF NOT EXISTS identities jsonb;
