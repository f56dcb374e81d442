def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
// 1: check names the model's changes and the command that drafts them
assert log.count('BUILD FAILURE') == 1
assert log.contains('quantagent:check failed: the model has changed since the last migration (2 differences from ')
assert log.contains('model: trades.risk_level: column in the model, not in the migrations (numeric(10,2))')
assert log.contains('model: idx_trades_risk_level: index in the model, not in the migrations')
assert log.contains('Draft the migration from the model: mvn quantagent:create -Ddesc="..." -Dquantagent.autogenerate')
// 2: the drafted script, proven before it was written
assert log.contains('drafted from the model and proven on a scratch database')
def drafted = new File(basedir, 'src/main/resources/quantagent/migrations').listFiles()
    .findAll { it.name ==~ /\d{14}_add_risk_level_to_trades\.sql/ }
assert drafted.size() == 1
def text = drafted[0].text
def undoAt = text.indexOf('-- //@UNDO')
assert text.substring(0, undoAt).contains('ALTER TABLE "public"."trades" ADD COLUMN "risk_level" numeric(10,2);')
assert text.substring(0, undoAt).contains('CREATE INDEX idx_trades_risk_level ON public.trades USING btree (risk_level);')
assert text.substring(undoAt).contains('DROP INDEX "public"."idx_trades_risk_level";')
// 3: applied; 4: the final check passed (goal 4 would otherwise have failed the case)
assert db.changelogIds().size() == 7
assert db.column("select indexname from pg_indexes where indexname = 'idx_trades_risk_level'") == ['idx_trades_risk_level']
true
