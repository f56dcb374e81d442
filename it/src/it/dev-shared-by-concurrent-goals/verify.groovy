import io.quantagent.it.ConcurrentMaven
import io.quantagent.it.Processes

def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def mvn = new ConcurrentMaven(basedir, localRepositoryPath, mavenOpts)
def data = new File(basedir, '.quantagent/pgdata')
def postmaster = { -> new File(data, 'postmaster.pid').with { it.exists() ? it.readLines()[0] as long : -1L } }
def secret = { -> new File(basedir, '.quantagent/pgdata.password').text.trim() }
def logs = ['build']
def noServerLeft = { String when ->
  long pid = postmaster()
  assert pid == -1 || !Processes.running(pid) : "the development database still runs $when (pid $pid)"
}
noServerLeft('after quantagent:current')

// The dev goal keeps the database up and prints a psql command line that the system's psql connects with.
def dev = mvn.start('dev', 'quantagent:dev')
logs << 'dev'
def psql = mvn.awaitLine(dev, 'dev', /psql:\s+psql "([^"]+)"/).group(1)
assert ConcurrentMaven.command(['psql', psql, '-Atc', 'select current_database()']).trim() == 'quantagent_dev'
assert mvn.text('dev') =~ /DATABASE_URL: export DATABASE_URL="postgresql:\/\/quantagent:\$\(cat '.*pgdata\.password'\)@127\.0\.0\.1:\d+\/quantagent_dev"/
long devServer = postmaster()
assert Processes.running(devServer)

// kill -9 of that Maven: its server lives on, unused; the next goal joins it and, as its last user, stops it.
dev.destroyForcibly()
dev.waitFor()
assert Processes.running(devServer) : 'kill -9 runs no shutdown hook'
assert mvn.run('after-kill', 'quantagent:current') == 0 : mvn.text('after-kill')
logs << 'after-kill'
assert mvn.text('after-kill').contains("Joining the PostgreSQL server already running on ${data} (pid ${devServer}")
assert !Processes.running(devServer) : "the server a killed build left (pid $devServer) outlived the next goal"

// SIGTERM to Maven (a terminal's kill, a CI runner's cancel; Ctrl-C is SIGINT, handled alike): its exit stops the
// server it was the last user of.
def dev2 = mvn.start('dev-sigterm', 'quantagent:dev')
logs << 'dev-sigterm'
mvn.awaitLine(dev2, 'dev-sigterm', /psql:\s+psql "/)
long devServer2 = postmaster()
dev2.destroy()
dev2.waitFor()
assert !Processes.running(devServer2) : "the server of a Maven sent SIGTERM (pid $devServer2) outlived it"

// Three goals at once, five times: none breaks another, and the last one out stops the server. The first round runs
// on a fresh project (they race to create its data directory, password and port), the others on its stopped server
// (they race to start it).
def passwords = [secret()]
new File(basedir, '.quantagent').deleteDir()
(1..5).each { round ->
  def goals = ['upgrade', 'history', 'current']
  def running = goals.collect { goal -> [goal, mvn.start("$goal-$round", '-q', "quantagent:$goal")] }
  running.each { goal, process ->
    logs << "$goal-$round"
    assert mvn.awaitExit(process, "$goal-$round") == 0 : "round $round, $goal failed:\n" + mvn.text("$goal-$round")
  }
  noServerLeft("after round $round")
}
passwords << secret()
assert mvn.run('last', 'quantagent:current') == 0 && mvn.text('last').contains('Pending: none (at head)')
logs << 'last'
noServerLeft('at the end')
logs.each { db.buildLog(basedir.toPath(), "${it}.log", *passwords) }
true
