// A database of this case's own on the server the it module started.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
// A changelog as stock MyBatis leaves it (no checksums): three migrations applied, and a row whose
// script no longer exists, as after a deleted migration file.
db.execute("create table changelog (id numeric(20,0) primary key, applied_at varchar(25) not null, description varchar(255) not null)")
db.execute("""insert into changelog values
    (20240101000000, '2024-01-01 00:00:00', 'a removed migration'),
    (20250101000001, '2025-01-01 00:00:01', 'create orders'),
    (20250101000002, '2025-01-01 00:00:02', 'create fills'),
    (20250101000003, '2025-01-01 00:00:03', 'create positions')""")
