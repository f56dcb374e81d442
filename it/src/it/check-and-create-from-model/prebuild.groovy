// The database at head; the six scripts in the project; the repository's model plus a column and an index.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrateToHead()
def scripts = new File(basedir, 'src/main/resources/quantagent/migrations')
scripts.mkdirs()
def loader = io.quantagent.migrations.engine.ScriptFolderLoader.classpath(getClass().classLoader, 'quantagent/migrations')
loader.filenames().each { new File(scripts, it).text = loader.text(it) }
def model = new File(basedir, 'src/main/sql/schema.sql')
model.parentFile.mkdirs()
model.text = new File(basedir, '../../../../quantagent-schema/src/main/sql/schema.sql').text + '''
-- Added to the model; no migration has it yet.
ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2);
CREATE INDEX idx_trades_risk_level ON trades (risk_level);
'''
true
