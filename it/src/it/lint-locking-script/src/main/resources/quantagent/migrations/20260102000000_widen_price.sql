-- // widen price
-- quantagent:lint-ignore drop-column nothing has read note since release 4.2
ALTER TABLE trades DROP COLUMN note;
ALTER TABLE trades ALTER COLUMN price TYPE numeric(30,10);
-- quantagent:lint-ignore rename
ALTER TABLE trades RENAME COLUMN side TO direction;

-- //@UNDO
SET LOCAL lock_timeout = '2s';
-- quantagent:lint-ignore rename,column-type-rewrite undone only in a maintenance window
ALTER TABLE trades RENAME COLUMN direction TO side;
-- quantagent:lint-ignore column-type-rewrite undone only in a maintenance window
ALTER TABLE trades ALTER COLUMN price TYPE numeric(20,8);
ALTER TABLE trades ADD COLUMN note text;
