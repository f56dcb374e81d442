// A database the plugin manages (a changelog, nothing applied yet) whose application tables exist, and two sessions of
// the application that hold locks on them while the build runs.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.execute('create table changelog (id numeric(20,0) primary key, applied_at varchar(25) not null,' +
    ' description varchar(255) not null); create table orders (id bigserial primary key, symbol text);' +
    ' create table risk_limits (max_notional numeric)')

def url = "jdbc:postgresql://127.0.0.1:${pgPort}/upgrade_live_database_retries"
def waiting = { String table, String olderThan ->
  db.column("select count(*) from pg_locks where relation = '${table}'::regclass and not granted" +
      " and waitstart < clock_timestamp() - interval '${olderThan}'")[0] != '0'
}
def until = { Closure condition ->
  def deadline = System.currentTimeMillis() + 120_000
  while (!condition()) {
    if (System.currentTimeMillis() > deadline) throw new IllegalStateException('the build never got there')
    Thread.sleep(5) // polling pg_locks
  }
}
def credentials = new Properties()
credentials.setProperty('user', pgUser)
credentials.setProperty('password', pgPassword)
def report = new org.postgresql.Driver().connect(url, credentials)
def audit = new org.postgresql.Driver().connect(url, credentials)
[report, audit].each { it.autoCommit = false }
report.createStatement().execute('select count(*) from orders')      // ACCESS SHARE on orders
audit.createStatement().execute('select count(*) from risk_limits')  // ACCESS SHARE on risk_limits
def sessions = Thread.start {
  try {
    // The first migration's ALTER waits for the report, times out after 1 s, and is rolled back: the report ends.
    until { waiting('orders', '0 s') }
    until { !waiting('orders', '0 s') }
    report.commit()
    // The second script turned the guard off for itself: it waits past the run's 1 s, and the audit ends.
    until { waiting('risk_limits', '2 s') }
    audit.commit()
  } finally {
    report.close()
    audit.close()
  }
}
true // the script's value decides whether the build runs
