def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
// 1. mvn verify: start, upgrade, the failsafe test, stop.
assert log =~ /Started PostgreSQL 17\.\d+ for this build at jdbc:postgresql:\/\/127\.0\.0\.1:/
assert log.contains('(from the database quantagent:start started)')
assert log.contains('Upgraded 6 migrations')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
assert log.contains('Stopped the embedded PostgreSQL on port')
// failsafe's report records the test JVM's system properties: the password file's path, never the password.
def password = new File(basedir, 'target/it-secrets/started.password').text.strip()
def reports = new File(basedir, 'target/failsafe-reports').listFiles().findAll { it.name.startsWith('TEST-') }
assert reports.size() == 1
assert reports[0].text.contains('name="quantagent.started.passwordFile"')
assert !reports[0].text.contains(password)
// 2. start with -Dquantagent.embeddedVersion=15.19.0 runs PostgreSQL 15; current with -Dquantagent.url connects
// with the URL's credentials (start's throwaway user and password would be refused there).
assert log =~ /Started PostgreSQL 15\.\d+ for this build/
assert log.contains('(from -Dquantagent.url)')
assert log.contains('Pending: 6')
// Nothing outlives either build: stop stopped the first server and deleted its data, Maven's exit the second.
def pids = (log =~ /Started PostgreSQL \S+ for this build at \S+ as \S+ \(pid (\d+)\)/).collect { it[1] as long }
assert pids.size() == 2
pids.each { assert !io.quantagent.it.Processes.running(it) : "the server with pid $it outlived its build" }
def firstData = (log =~ /PostgreSQL started on \S+ \(pid \d+\) with data in (\S+)/)[0][1]
assert !new File(firstData).exists()
// 3. A database name that is no plain identifier: the user's mistake, named with its property.
assert log.contains("The database name 'my-db' (-Dquantagent.database or <database>) is not a plain PostgreSQL identifier")
assert log.contains('http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')
