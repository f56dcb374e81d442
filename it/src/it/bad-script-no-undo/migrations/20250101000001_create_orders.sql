-- // create orders
CREATE TABLE orders (id int);
