-- Which segment each customer is in, written in batches by every silo's segment aggregator (about
-- once a second), so a segment's customers can be paged and counted without asking any grain.
CREATE TABLE IF NOT EXISTS pulse_segment_members (
    customer_id   text COLLATE "C" PRIMARY KEY, -- byte order: pages follow the same order in every locale
    segment       integer          NOT NULL,
    distance      double precision NOT NULL,
    model_version bigint           NOT NULL,
    since         timestamptz      NOT NULL,
    assigned_at   timestamptz      NOT NULL
);

CREATE INDEX IF NOT EXISTS pulse_segment_members_by_segment ON pulse_segment_members (segment, customer_id);
