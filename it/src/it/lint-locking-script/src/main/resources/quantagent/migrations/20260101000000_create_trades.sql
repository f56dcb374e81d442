-- // create trades
CREATE TABLE trades (id bigint PRIMARY KEY, side varchar(4) NOT NULL, price numeric(20,8) NOT NULL, note text);
INSERT INTO trades SELECT g, 'buy', g, 'n' FROM generate_series(1, 1000) g;

-- //@UNDO
DROP TABLE trades;
