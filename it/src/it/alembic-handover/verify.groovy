def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('Nothing was changed: the database has 7 tables (alembic_version, fills, market_data, orders, positions, signals, trades) but no changelog, and alembic_version = 4f2e8a1c9b7d')
assert log.contains('mvn quantagent:stamp -Dtarget=head')
assert log.contains('Stamped 20250101000006 (create market data): the schema matches; 6 migrations recorded as applied without running them')
assert log.contains('Current: 20250101000006 (create market data)')
assert !log.contains('quantagent:check failed')
assert db.changelogIds().size() == 6
assert db.column("select distinct stamp from changelog") == ['verified']
assert db.column("select version_num from alembic_version") == ['4f2e8a1c9b7d']
