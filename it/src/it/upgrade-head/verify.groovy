def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('(from the DATABASE_URL environment variable)')
assert log.contains('Scripts: classpath:quantagent/migrations/')
assert log.contains('Applied 20250101000001 (create orders) in ')
assert log.contains('Applied 20250101000006 (create market data) in ')
assert log.contains('Upgraded 6 migrations in ')
assert log.contains('base -> 20250101000006 (create market data)')
assert db.tables() == ['changelog', 'fills', 'market_data', 'orders', 'positions', 'signals', 'trades']
assert db.changelogIds() == ['20250101000001', '20250101000002', '20250101000003', '20250101000004', '20250101000005', '20250101000006']
assert db.column("select indexname from pg_indexes where schemaname = 'public' and indexname like 'idx%' order by 1") == [
    'idx_order_filled_at', 'idx_status_symbol', 'idx_symbol_closed_at', 'idx_symbol_created_at', 'idx_symbol_generated_at',
    'idx_symbol_opened_at', 'idx_symbol_signal', 'idx_symbol_timeframe_timestamp', 'idx_timestamp']
