def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log =~ /20250101000003\s+2025-01-01 00:00:03\s+unknown\s+create positions  <- current/
assert log =~ /20250101000004\s+pending\s+-\s+create signals/
assert log =~ /20240101000000\s+2024-01-01 00:00:00\s+-\s+a removed migration  !! no script/
