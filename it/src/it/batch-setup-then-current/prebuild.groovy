// A login role with the issue's password that may create databases, and no database or .env yet.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.execute("DROP DATABASE IF EXISTS setup_batch_created WITH (FORCE)")
db.execute("DROP ROLE IF EXISTS setup_batch_user")
db.execute("CREATE ROLE setup_batch_user LOGIN CREATEDB PASSWORD 'p@ss:w/rd?#%'")
new File(basedir, '.env').delete()
true
