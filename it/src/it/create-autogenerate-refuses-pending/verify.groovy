def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Not drafted: the live database is not up to date; 1 migration is pending:')
assert log.contains('  - 20250101000006 (create market data)')
assert log.contains('Run mvn quantagent:upgrade first')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'src/main/resources/quantagent/migrations').exists()
def lines = log.readLines().findAll { it.startsWith('[INFO] ') }*.substring(7)
def first = lines.findIndexOf { it.startsWith('1 migration is pending') }
assert first >= 0 && lines[first] == '1 migration is pending (20250101000006 (create market data)): this compares with' +
    ' what the migrations build up to 20250101000005 (create trades), the database\'s revision; mvn quantagent:upgrade applies it.'
assert lines[first + 1] == '1 difference from what the migrations build up to 20250101000005 (create trades):'
assert log.contains('trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
assert db.changelogIds() == ['20250101000001', '20250101000002', '20250101000003', '20250101000004', '20250101000005']
true
