def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def line = log.readLines().find { it.startsWith('{"current"') }
assert line != null : 'no JSON document in the log'
def doc = new groovy.json.JsonSlurper().parseText(line)
assert doc.current.id == '20250101000002'
assert doc.current.description == 'create fills'
assert doc.applied == 2
assert doc.pending == 4
