-- Grain state for Orleans' ADO.NET grain storage provider (Microsoft.Orleans.Persistence.AdoNet).
--
-- Contract (Orleans 10.4.2): a grain's state is addressed by @ServiceId, the state name
-- (@GrainTypeString, with its hash @GrainTypeHash) and the grain key split the provider's way:
-- @GrainIdN0/@GrainIdN1 (a Guid's halves, or 0 and an integer key) plus @GrainIdExtensionString (a
-- string key or key extension, null when there is none), with its hash @GrainIdHash. The hashes are
-- computed by the provider's hash picker; they are stored and matched as given, never recomputed here.
-- The version is the state's ETag. A write or clear succeeds only against the version the grain holds
-- (@GrainStateVersion; null for "never stored") and answers one row with the new version; it answers
-- null when the version no longer matches, and the provider turns that into InconsistentStateException.
-- Pulse stores the payload in Orleans' binary format (PayloadBinary); the JSON and XML columns of other
-- schemas are not used.

CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_type_hash    integer     NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text,
    grain_id_hash      integer     NOT NULL,
    payload_binary     bytea,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now()
);

-- At most one row per grain state; it also serves every look-up (the two integer hashes lead). A
-- unique index treats nulls as distinct, so the extension is folded with coalesce; that could only
-- merge "no extension" with an empty string key of the same state, keys and hashes, which the
-- provider never produces (a string key's hash is over its text, a Guid key's over its bytes).
CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_grain ON orleans_storage (
    grain_id_hash, grain_type_hash, service_id, grain_type,
    grain_id_n0, grain_id_n1, (coalesce(grain_id_extension, '')));

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- The stored state, if any: zero or one row.
('ReadFromStorageKey', $sql$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

-- First write (@GrainStateVersion null) inserts version 1 unless a row exists already (another
-- activation got there first); later writes replace the payload only at the expected version.
-- One row: the new version, or null when refused.
('WriteToStorageKey', $sql$
WITH replaced AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
), created AS (
    INSERT INTO orleans_storage (
        service_id, grain_type, grain_type_hash, grain_id_n0, grain_id_n1,
        grain_id_extension, grain_id_hash, payload_binary, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @GrainIdHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM replaced UNION ALL SELECT version FROM created) AS "NewGrainStateVersion"
$sql$),

-- Clearing keeps the row, empties the payload and bumps the version (the provider's default,
-- DeleteStateOnClear = false), so a stale activation cannot write over a cleared state.
-- One row: the new version, or null when refused.
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE orleans_storage
    SET payload_binary = NULL, version = version + 1, modified_at = now()
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$sql$),

-- Clearing with DeleteStateOnClear = true: the row goes, at the expected version only. The answer
-- must differ from the grain's ETag for the provider to accept it, hence the next version number;
-- null when refused. The next write starts again at version 1.
('DeleteStorageKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_storage
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
