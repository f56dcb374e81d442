def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
def runs = log.split(/\[INFO\] Scanning for projects/)
assert runs.size() == 3 : 'two invocations'
assert runs[1].contains('Not stamped: the database\'s schema differs from what the migrations build up to 20250101000006 (create market data)')
assert runs[1].contains('market_data: table in the migrations, not in the database')
assert runs[1].contains('in the scratch database quantagent_scratch_') && !runs[1].contains('throwaway embedded PostgreSQL')
assert runs[2].contains('Stamped 20250101000006 (create market data): UNVERIFIED')
// The refused run wrote nothing; the forced one recorded all six, as unverified.
assert db.changelogIds().size() == 6
assert db.column("select distinct stamp from changelog") == ["unverified"]
assert db.column("select count(*) from pg_database where datname like 'quantagent_scratch_%'") == ['0']
