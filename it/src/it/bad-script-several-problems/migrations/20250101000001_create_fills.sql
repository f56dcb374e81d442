-- // create fills
CREATE TABLE fills (id int);
-- //@UNDO
DROP TABLE fills;
