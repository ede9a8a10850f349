-- Scheduled work that must run on one node at a time (ShedLock's table, its default layout): one row per job name,
-- held until lock_until by the node named in locked_by. A node that dies leaves a lock that expires by itself.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP    NOT NULL,
    locked_at   TIMESTAMP    NOT NULL,
    locked_by   VARCHAR(255) NOT NULL
);
