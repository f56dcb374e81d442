def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def output = io.quantagent.it.ItDatabase.quietOutput(db.buildLog(basedir.toPath(), 'build.log'))
assert output.size() == 1 : 'the output is exactly one JSON document:\n' + output.join('\n')
def doc = new groovy.json.JsonSlurper().parseText(output[0])
assert doc == [current: [id: '20250101000002', description: 'create fills'], applied: 2, pending: 4]
