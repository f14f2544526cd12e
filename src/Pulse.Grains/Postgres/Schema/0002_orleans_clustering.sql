-- Cluster membership for Orleans' ADO.NET clustering provider (Microsoft.Orleans.Clustering.AdoNet).
--
-- Contract (Orleans 10.4.2): parameters are bound by name (@DeploymentId is the cluster id; a silo is
-- @Address, @Port, @Generation); result columns are read by name, hence the quoted aliases.
-- Every change to a membership row goes with a bump of the cluster's version row, and only if that
-- row still holds the version the silo read (@Version): this optimistic check is what keeps
-- concurrent silos from overwriting each other's view of the cluster. Status values are Orleans'
-- SiloStatus: 3 = Active, 6 = Dead.

-- One row per cluster: the membership table's version (its ETag).
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation); dropping a cluster's version row drops its silos.
CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row if missing; one boolean column: whether this call created it.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)
$sql$),

-- The whole table: one row per silo, each carrying the table version. A cluster with no silos (or no
-- version row yet) still answers one row, with null silo columns, because Orleans takes the table
-- version from the first row.
('MembershipReadAllKey', $sql$
SELECT
    coalesce(v.version, 0) AS "Version",
    m.address              AS "Address",
    m.port                 AS "Port",
    m.generation           AS "Generation",
    m.silo_name            AS "SiloName",
    m.host_name            AS "HostName",
    m.status               AS "Status",
    m.proxy_port           AS "ProxyPort",
    m.suspect_times        AS "SuspectTimes",
    m.start_time           AS "StartTime",
    m.i_am_alive_time      AS "IAmAliveTime"
FROM (SELECT @DeploymentId AS deployment_id) AS cluster
LEFT JOIN orleans_membership_version AS v ON v.deployment_id = cluster.deployment_id
LEFT JOIN orleans_membership AS m ON m.deployment_id = cluster.deployment_id
$sql$),

-- One silo's row with the table version; the version alone (null silo columns) when the silo is absent.
('MembershipReadRowKey', $sql$
SELECT
    coalesce(v.version, 0) AS "Version",
    m.address              AS "Address",
    m.port                 AS "Port",
    m.generation           AS "Generation",
    m.silo_name            AS "SiloName",
    m.host_name            AS "HostName",
    m.status               AS "Status",
    m.proxy_port           AS "ProxyPort",
    m.suspect_times        AS "SuspectTimes",
    m.start_time           AS "StartTime",
    m.i_am_alive_time      AS "IAmAliveTime"
FROM (SELECT @DeploymentId AS deployment_id) AS cluster
LEFT JOIN orleans_membership_version AS v ON v.deployment_id = cluster.deployment_id
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = cluster.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
$sql$),

-- Adds a silo and bumps the version, both or neither: only if the version is still @Version and the
-- silo is not there yet. One boolean column: whether the row was added.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM orleans_membership
          WHERE deployment_id = @DeploymentId
            AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), added AS (
    INSERT INTO orleans_membership (
        deployment_id, address, port, generation, silo_name, host_name,
        status, proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added)
$sql$),

-- Changes a silo's status, suspicions and liveness time and bumps the version, both or neither: only
-- if the version is still @Version. One boolean column: whether the row was changed.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND EXISTS (
          SELECT 1 FROM orleans_membership
          WHERE deployment_id = @DeploymentId
            AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), changed AS (
    UPDATE orleans_membership AS m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed)
$sql$),

-- The silo's periodic heartbeat. Deliberately no version bump: liveness is not a membership change.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- Gateways for clients: active silos that accept clients (@Status is Active).
('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),

-- Removes a whole cluster: its version row, and with it (cascade) every silo row.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$sql$),

-- Bulk clean-up of dead silos not heard of since the cut-off (@IAmAliveTime). Orleans uses it only
-- when CleanupDefunctSiloEntryKey (below) is absent.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime
$sql$),

-- Per-silo clean-up: Orleans picks the defunct dead rows in .NET and passes back the values it read;
-- the row goes only if none of them changed in between.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
