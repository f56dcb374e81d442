def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log =~ /20250101000003\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+create positions  <- current/
assert log =~ /20250101000004\s+pending\s+create signals/
assert log =~ /20240101000000\s+2024-01-01 00:00:00\s+a removed migration  !! no script/
