// A database of this case's own on the server the it module started.
new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath()).recreate()
// A changelog row whose script no longer exists, as after a deleted migration file.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.execute("create table changelog (id numeric(20,0) primary key, applied_at varchar(25) not null, description varchar(255) not null)")
db.execute("insert into changelog values (20240101000000, '2024-01-01 00:00:00', 'a removed migration')")
