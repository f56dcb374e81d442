// A database of this case's own on the server the it module started.
new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath()).recreate()
// As if 20250101000001 had been applied with other text: its recorded checksum no longer matches.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.execute("create table changelog (id numeric(20,0) primary key, applied_at varchar(25) not null, description varchar(255) not null, checksum varchar(64))")
db.execute("create table orders (id int)")
db.execute("insert into changelog values (20250101000001, '2025-01-01 00:00:00', 'create orders', '" + "0" * 64 + "')")
