-- // create positions
CREATE TABLE positions (id int);

-- //@UNDO
DROP TABLE positions;
