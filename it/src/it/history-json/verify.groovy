def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def output = io.quantagent.it.ItDatabase.quietOutput(db.buildLog(basedir.toPath(), 'build.log'))
assert output.size() == 1 : 'the output is exactly one JSON document:\n' + output.join('\n')
def doc = new groovy.json.JsonSlurper().parseText(output[0])
assert doc.migrations.size() == 6
assert doc.migrations[0] .subMap(['id', 'state', 'checksum', 'current']) == [id: '20250101000001', state: 'applied', checksum: 'ok', current: true]
assert doc.migrations[0].appliedAt ==~ /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
assert doc.migrations[1].subMap(['id', 'state', 'checksum', 'current', 'appliedAt']) == [id: '20250101000002', state: 'pending', checksum: 'pending', current: false, appliedAt: null]
