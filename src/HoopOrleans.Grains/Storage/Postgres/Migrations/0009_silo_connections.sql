-- The connections each silo hosts, as it advertises them (name, command, type, subtype, tags,
-- review, timeout; never Env), with how many runs it has going and whether it drains. A silo
-- writes its row before it joins the cluster and refreshes it every second; every node reads the
-- table every second, joined to orleans_membership, so only silos the membership holds active
-- count as hosts: one that dies stops hosting when membership declares it dead. Rows of dead silos
-- keep their connections known (offline, 503) for a day; the next silo to start removes them.
-- (address, port, generation) is the silo's address as the membership table keys it.

CREATE TABLE silo_connections
(
    cluster_id   text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    connections  jsonb       NOT NULL,
    running      integer     NOT NULL DEFAULT 0,
    draining     boolean     NOT NULL DEFAULT false,
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, address, port, generation)
);
