def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('BUILD SUCCESS')
// What the goal printed: from its execution line to the end of the build.
def said = log.readLines().dropWhile { !(it =~ /--- quantagent:[^:]+:check/) }.drop(1)
    .takeWhile { !it.startsWith('[INFO] ---') }
    .findAll { !(it =~ /^\[INFO\] (Database|Scripts): /) && !it.contains('in the scratch database quantagent_scratch_') }
assert said == [] : 'check said more than where it looked though all is well:\n' + said.join('\n')
