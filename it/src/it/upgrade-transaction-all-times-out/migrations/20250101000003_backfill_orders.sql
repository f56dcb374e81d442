-- // backfill orders
-- A backfill far slower than the run allows one statement.
SELECT pg_sleep(60);

-- //@UNDO
SELECT 1;
