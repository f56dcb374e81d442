def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def pinned = '42.7.13'
assert pinned != org.postgresql.util.DriverInfo.DRIVER_VERSION :
    "the plugin's own driver is now $pinned: pin another version in this case's pom.xml"

// Maven's -X lists what it put in the plugin's class realm, one "Included:" line each.
def lines = log.readLines()
def start = lines.findIndexOf { it.contains('Populating class realm plugin>io.quantagent:quantagent-migrations-maven-plugin') }
assert start >= 0
def realm = lines.drop(start + 1).takeWhile { it.contains('  Included: ') }.collect { it.substring(it.indexOf('Included: ') + 10).trim() }
assert realm.collect { it.split(':').take(2).join(':') } as Set ==
    ['io.quantagent:quantagent-migrations-maven-plugin', 'io.quantagent:quantagent-schema', 'org.postgresql:postgresql'] as Set : realm
assert realm.contains("org.postgresql:postgresql:jar:${pinned}".toString()) : realm

assert log.contains("JDBC driver: PostgreSQL JDBC Driver ${pinned} from ")
assert log.contains("/postgresql-${pinned}.jar")
assert log.contains('Current: base')
