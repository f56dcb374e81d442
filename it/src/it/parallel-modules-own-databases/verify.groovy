def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
// Each module's start password reached target/it-secrets/ (resources filtering); none of them may be in the log.
['module-a', 'module-b'].each {
  def secret = new File(basedir, it + '/target/it-secrets/started.password').text.strip()
  assert secret && !secret.contains('${') : "$it: start published no password"
}
def log = db.buildLog(basedir.toPath(), 'build.log')
assert !log.contains('not marked as thread-safe')
assert (log =~ /Started PostgreSQL \S+ for this build at /).size() == 2
assert log.count('Upgraded 6 migrations') == 2
assert log.count('Stopped the embedded PostgreSQL on port') == 2
// stop removed each build's own data directory (under target/quantagent-postgres/) once its server had stopped
def dataDirectories = (log =~ /PostgreSQL started on \S+ \(pid \d+\) with data in (\S+)/).collect { it[1] }
assert dataDirectories.size() == 2
dataDirectories.each { assert !new File(it).exists() : "$it outlived stop" }
true
