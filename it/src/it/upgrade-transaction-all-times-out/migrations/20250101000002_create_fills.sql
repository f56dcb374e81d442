-- // create fills
CREATE TABLE fills (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));

-- //@UNDO
DROP TABLE fills;
