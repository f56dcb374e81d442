-- // index orders symbol
-- builds without blocking writers

CREATE INDEX CONCURRENTLY idx_orders_symbol ON orders (symbol);

-- //@UNDO
DROP INDEX idx_orders_symbol;
