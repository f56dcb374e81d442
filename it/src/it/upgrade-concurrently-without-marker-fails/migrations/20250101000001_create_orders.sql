-- // create orders
CREATE TABLE orders (id bigserial PRIMARY KEY, symbol text NOT NULL);

-- //@UNDO
DROP TABLE orders;
