CREATE TABLE signals (id int);
-- //@UNDO
DROP TABLE signals;
