def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('[INFO] Applying 20250101000001 (add risk level) ...\n')
assert log.contains('[WARNING] Lock timeout in 20250101000001 (add risk level), statement 1 of 1 (line 2) ALTER TABLE orders ADD COLUMN risk_level numeric(10,2);: waited 1 s for ')
def firstWait = log =~ /Rolled back; attempt 2 of 3 in ([0-9]+) (ms|s)\./
assert firstWait.find()
def firstWaitMillis = firstWait.group(1).toLong() * (firstWait.group(2) == 's' ? 1000 : 1)
assert firstWaitMillis >= 750 && firstWaitMillis <= 1250 : 'the first wait is about 1 s, jittered by a quarter either way'
assert log.contains('[INFO] Applying 20250101000002 (tighten risk limits) ... (lock timeout off: from its header)')
assert !log.contains('Lock timeout in 20250101000002')
assert log.contains('BUILD SUCCESS')
assert db.changelogIds() == ['20250101000001', '20250101000002']
assert db.column("select count(*) from pg_attribute where attrelid = 'orders'::regclass and attname = 'risk_level'") == ['1']
// The @UNDO part drops the column its change added: that is its job, not a lint finding.
assert !log.contains('drop-column')
