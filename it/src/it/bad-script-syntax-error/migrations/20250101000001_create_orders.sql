-- // create orders
CREATE TABLE orders (id int);
CREAT TABLE fills (id int);
-- //@UNDO
DROP TABLE orders;
