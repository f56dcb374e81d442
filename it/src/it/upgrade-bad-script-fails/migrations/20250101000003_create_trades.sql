-- // create trades
CREATE TABLE trades (id int);
