def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def scripts = new File(basedir, 'migrations').listFiles().collect { it.name }.sort()
assert scripts.size() == 2
def created = scripts.find { it.endsWith('_add_risk_level_to_trades.sql') }
assert created =~ /^\d{14}_add_risk_level_to_trades\.sql$/
def text = new File(basedir, 'migrations/' + created).text
assert text.startsWith('-- // Add risk level to trades\n')
assert text.contains('-- //@UNDO')
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Scripts: directory ')
assert log.contains('Upgraded 2 migrations')
// the script is still create's template: upgrade says so (and check would fail on it)
assert log.contains('[WARNING] ' + created + " looks unfinished: line 2 is create's placeholder")
assert db.changelogIds() == ['20250101000001', created.substring(0, 14)]
assert db.tables() == ['changelog', 'instruments']
