package io.quantagent.it;

import io.quantagent.migrations.engine.PostgresScriptSplitter;
import io.quantagent.migrations.engine.ScriptFolderLoader;
import io.quantagent.migrations.engine.SqlStatement;
import java.io.IOException;
import java.io.Reader;
import java.sql.SQLException;
import org.apache.ibatis.migration.Change;

/**
 * A database as QuantAgent's Alembic setup left it: the schema's tables and indexes, created outside the
 * plugin (here from the same scripts' change sections, as Alembic's revisions created them), plus
 * {@code alembic_version}, and no changelog of ours.
 */
public final class AlembicBuiltDatabase {
  public static final String ALEMBIC_REVISION = "4f2e8a1c9b7d";

  private AlembicBuiltDatabase() {}

  public static void create(ItDatabase db) throws SQLException, IOException {
    ScriptFolderLoader scripts = ScriptFolderLoader.classpath(AlembicBuiltDatabase.class.getClassLoader(),
        "quantagent/migrations/");
    for (Change change : scripts.getMigrations()) {
      try (Reader reader = scripts.getScriptReader(change, false)) {
        String section = new String(readAll(reader));
        for (SqlStatement statement : PostgresScriptSplitter.split(section)) {
          db.execute(statement.sql());
        }
      }
    }
    db.execute("create table alembic_version (version_num varchar(32) not null primary key)");
    db.execute("insert into alembic_version values ('" + ALEMBIC_REVISION + "')");
  }

  private static char[] readAll(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      text.append(buffer, 0, n);
    }
    return text.toString().toCharArray();
  }
}
