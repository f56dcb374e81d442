-- // add risk level
ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2);

-- //@UNDO
ALTER TABLE trades DROP COLUMN risk_level;
