-- // create orders
CREATE TABLE orders (id bigint PRIMARY KEY, symbol text NOT NULL);

-- //@UNDO
DROP TABLE orders;
