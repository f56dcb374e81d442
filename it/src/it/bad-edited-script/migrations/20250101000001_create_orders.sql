-- // create orders
CREATE TABLE orders (id bigint);
-- //@UNDO
DROP TABLE orders;
