-- Silos that are draining: asked to stop, they keep their running sessions but take no new ones.
-- Every silo reads this table each second and its placement passes these silos by. "silo" is the
-- silo's address with its generation, so a restarted silo is never taken for its predecessor.

CREATE TABLE draining_silos
(
    silo  text        PRIMARY KEY,
    since timestamptz NOT NULL DEFAULT now()
);
