def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('Migration 20250101000001 (create orders) failed in 20250101000001_create_orders.sql, statement 2 of 2 (line 3): CREAT TABLE fills (id int);')
assert log.contains('syntax error at or near "CREAT"')
assert log.contains('It was rolled back')
assert !log.contains('Error executing') // MyBatis' wrapper, which repeated the whole script, reaches neither the summary nor -e
assert db.tables() == [] : 'a failed first run leaves nothing, not even the changelog'
