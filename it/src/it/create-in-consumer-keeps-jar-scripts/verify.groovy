def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def created = new File(basedir, 'src/main/resources/quantagent/migrations').list() as List
assert created.size() == 1 && created[0] =~ /^\d{14}_add_risk_limits\.sql$/
assert log.contains('Scripts: directory ' + basedir + '/src/main/resources/quantagent/migrations and' +
    ' classpath:quantagent/migrations/ (quantagent-schema-')
assert !log.contains('no script')
assert log.contains('[WARNING] The scripts directory ' + basedir + '/src/main/resources/quantagent/migratons'
    + ' (<scriptsDirectory>, -Dquantagent.scriptsDirectory) does not exist: only the class path\'s scripts are read.')
// history's table is one block under its title, its rows at the line's start
assert log =~ /(?m)^\[INFO\] History, oldest first: 7 migrations, 6 applied, 1 pending\r?\nID\s+APPLIED AT\s+CHECKSUM\s+DESCRIPTION$/
assert (log =~ /(?m)^2025010100000[1-6]\s+\S+ \S+\s+ok\s+create /).size() == 6
assert log =~ /(?m)^\d{14}\s+pending\s+-\s+add risk limits$/
assert log.contains('quantagent:check failed: 1 pending, 0 changed or missing scripts, 1 unfinished script')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: quantagent:check failed')
assert db.changelogIds().size() == 6
