def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('base -> 20250101000003 (create positions)')
assert db.changelogIds() == ['20250101000001', '20250101000002', '20250101000003']
