import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'p@ss:w/rd?#%', 'p%40ss%3Aw%2Frd%3F%23%25')
assert log.contains('quantagent:setup in batch mode (-B) needs -Dquantagent.setup.user (User).')
assert log.contains('Created the database setup_batch_created.')
def env = new File(basedir, '.env')
assert env.text == "DATABASE_URL=postgresql://setup_batch_user:p%40ss%3Aw%2Frd%3F%23%25@127.0.0.1:${pgPort}/setup_batch_created\n"
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(env.toPath())) == 'rw-------'
// setup's own current, the following current and the second setup's current all connected through .env
def fromDotEnv = "Database: jdbc:postgresql://127.0.0.1:${pgPort}/setup_batch_created as setup_batch_user (password ****) (from DATABASE_URL in the .env file)"
assert log.count(fromDotEnv) == 3
assert log.count('Pending: 6 migrations') == 3
assert log.contains('Kept the DATABASE_URL in ') && log.contains('; -Dquantagent.force replaces it.')
true
