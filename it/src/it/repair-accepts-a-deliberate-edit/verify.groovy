def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def runs = log.split(/\[INFO\] Scanning for projects/)
assert runs.size() == 6 : 'five invocations'
// 1: validation refuses before anything runs
assert runs[1].contains('20250101000001_create_orders.sql was edited after it was applied')
assert runs[1].contains('mvn quantagent:repair')
assert runs[1].contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert !runs[1].contains('Applied 20250101000006')
// 2: -Dquantagent.validate=false applies the pending migration despite the edit
assert runs[2].contains('Applied 20250101000006 (create market data)')
// 3: repair records the edited script's checksum, and only that one
assert runs[3].contains('Recorded the current checksum of 20250101000001 (create orders)')
assert runs[3].contains('Repaired 1 changelog row.')
// 4: without drift, nothing is left to find
assert runs[4].contains('BUILD SUCCESS') && !runs[4].contains('quantagent:check failed')
// 5: with drift, only the hand-added column is found, built on the scratch server, not an embedded one
assert runs[5].contains('quantagent:check failed: 0 pending, 0 changed or missing scripts, 0 unfinished scripts, 1 schema difference')
assert runs[5].contains('drift: trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
assert runs[5].contains('in the scratch database quantagent_scratch_')
assert !runs[5].contains('throwaway embedded PostgreSQL')
assert runs[5].contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert db.changelogIds().size() == 6
assert db.column("select count(*) from changelog where checksum = '" + '0' * 64 + "'") == ['0']
// Its own scratch database, by name: other cases on the same server use scratch databases at the same time.
def scratch = (runs[5] =~ /in the scratch database (quantagent_scratch_[0-9a-f]+)/)[0][1]
assert db.column("select count(*) from pg_database where datname = '" + scratch + "'") == ['0'] : 'the scratch database is dropped'
