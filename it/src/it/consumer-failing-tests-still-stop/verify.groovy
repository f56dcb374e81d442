def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('this integration test fails on purpose')
assert log.contains('BUILD FAILURE')
// The build ended in integration-test: stop never ran, so only Maven's exit can have stopped the server.
assert !(log =~ /quantagent:[^:]+:stop/)
assert !log.contains('Stopped the embedded PostgreSQL')
def pid = (log =~ /Started PostgreSQL \S+ for this build at \S+ as \S+ \(pid (\d+)\)/)[0][1] as long
assert !io.quantagent.it.Processes.running(pid) : "the server quantagent:start started (pid $pid) outlived the build"
