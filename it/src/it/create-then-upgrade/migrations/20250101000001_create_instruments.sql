-- // create instruments
CREATE TABLE instruments (symbol TEXT PRIMARY KEY);

-- //@UNDO
DROP TABLE instruments;
