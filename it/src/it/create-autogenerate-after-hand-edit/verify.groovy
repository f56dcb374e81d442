def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('drafted from the live database and proven on a scratch database')
def scripts = new File(basedir, 'src/main/resources/quantagent/migrations').listFiles()
assert scripts.length == 1 && scripts[0].name ==~ /\d{14}_add_risk_level_to_trades\.sql/
assert log.contains('The live database already has this change: record it there without running it, mvn quantagent:stamp -Dtarget='
    + scripts[0].name.substring(0, 14) + ' (upgrade would run it again and fail).')
def text = scripts[0].text
assert text.startsWith('-- // Add risk level to trades\n')
def undoAt = text.indexOf('-- //@UNDO')
assert text.substring(0, undoAt).contains('ALTER TABLE "public"."trades" ADD COLUMN "risk_level" numeric(10,2);')
assert text.substring(0, undoAt).contains('DROP INDEX "public"."idx_timestamp";')
assert text.substring(undoAt).contains('-- REVIEW: data loss: the column trades.risk_level and its values are dropped')
assert text.substring(undoAt).contains('CREATE INDEX idx_timestamp ON public.market_data USING btree ("timestamp");')
// The live database itself was only read.
assert db.changelogIds().size() == 6
true
