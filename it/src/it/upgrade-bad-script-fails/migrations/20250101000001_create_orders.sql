-- // create orders
CREATE TABLE orders (id int);
-- //@UNDO
DROP TABLE orders;
