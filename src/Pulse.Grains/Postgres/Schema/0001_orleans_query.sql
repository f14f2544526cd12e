-- Orleans' ADO.NET providers (clustering, grain storage, reminders) ship no SQL of their own: at
-- start-up each reads `SELECT QueryKey, QueryText FROM OrleansQuery`, takes the keys it needs and
-- refuses to start if one is missing. The scripts after this one fill the table with Pulse's SQL.
-- The names are left unquoted because the providers' own query is unquoted (PostgreSQL folds both
-- to lower case).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);
