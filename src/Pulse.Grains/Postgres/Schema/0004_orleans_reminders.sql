-- Durable reminders for Orleans' ADO.NET reminder table (Microsoft.Orleans.Reminders.AdoNet).
--
-- Contract (Orleans 10.4.2): a reminder is (@ServiceId, @GrainId as text, @ReminderName); @GrainHash
-- is the grain's uniform hash, which places the reminder on the silos' consistent ring. The provider
-- passes hashes (and ring bounds @BeginHash/@EndHash) as the signed reinterpretation of unsigned
-- values, and itself picks ReadRangeRows1Key when the range does not wrap in signed order and
-- ReadRangeRows2Key when it does; a range excludes its begin and includes its end. @Period is in
-- milliseconds. The version is the reminder's ETag. Result columns are read by name.

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo loads the reminders of its share of the ring.
CREATE INDEX IF NOT EXISTS orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- A grain's reminders.
('ReadReminderRowsKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$sql$),

-- One reminder: zero or one row.
('ReadReminderRowKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$sql$),

-- A ring range that does not wrap: (begin, end].
('ReadRangeRows1Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$sql$),

-- A ring range that wraps past the top: (begin, max] and [min, end].
('ReadRangeRows2Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$sql$),

-- Registers or re-registers a reminder; one row: its new version ("Version").
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET grain_hash = EXCLUDED.grain_hash,
    start_time = EXCLUDED.start_time,
    period     = EXCLUDED.period,
    version    = orleans_reminders.version + 1
RETURNING version AS "Version"
$sql$),

-- Unregisters a reminder at the expected version only; one boolean column: whether it was removed.
('DeleteReminderRowKey', $sql$
WITH removed AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed)
$sql$),

-- Every reminder of a service (used by tests and tooling).
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
