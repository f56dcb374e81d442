-- // add risk level
ALTER TABLE orders ADD COLUMN risk_level numeric(10,2);

-- //@UNDO
ALTER TABLE orders DROP COLUMN risk_level;
