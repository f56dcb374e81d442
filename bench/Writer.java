import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trading application for bench/run.sh's writer measurement, in two roles.
 *
 * <p>{@code write URL USER PASSWORD STOP}: one INSERT into orders every 10 ms on its own connection, until the file
 * STOP exists. Each insert's latency counts from when it was due, not from when it could start, so a stall shows in
 * every insert it delayed (on a machine too busy for 100 inserts a second this grows on its own: see the count).
 * Prints "count p50 p99 max longest" in seconds, longest being the longest single INSERT from its send to its end.
 *
 * <p>{@code block URL USER PASSWORD SECONDS}: a report that holds ACCESS SHARE on orders in an open transaction, from
 * before the migration starts until SECONDS after the migration first waits for it, then commits.
 *
 *   java -cp postgresql.jar bench/Writer.java write|block ...
 */
public class Writer {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("block")) {
      block(args[1], args[2], args[3], Double.parseDouble(args[4]));
    } else {
      write(args[1], args[2], args[3], Path.of(args[4]));
    }
  }

  private static void block(String url, String user, String password, double seconds) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Connection look = DriverManager.getConnection(url, user, password)) {
      c.setAutoCommit(false);
      c.createStatement().executeQuery("select count(*) from orders").close();
      System.out.println("holding");
      System.out.flush();
      String waiting = "select count(*) from pg_locks where relation = 'orders'::regclass and not granted";
      while (true) { // polling pg_locks for the migration's first wait
        var rs = look.createStatement().executeQuery(waiting);
        rs.next();
        if (rs.getInt(1) > 0) {
          break;
        }
        Thread.sleep(5);
      }
      Thread.sleep(Math.round(seconds * 1000)); // the report's remaining run time
      c.commit();
    }
  }

  private static void write(String url, String user, String password, Path stop) throws Exception {
    long periodNanos = 10_000_000L;
    List<Long> latencies = new ArrayList<>();
    long longest = 0;
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement insert = c.prepareStatement("insert into orders (symbol) values ('AAPL')")) {
      long due = System.nanoTime();
      while (!Files.exists(stop)) {
        long now = System.nanoTime();
        if (now < due) {
          Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000)); // the writer's pace
        }
        long sent = System.nanoTime();
        insert.executeUpdate();
        long done = System.nanoTime();
        longest = Math.max(longest, done - sent);
        latencies.add(done - due);
        due += periodNanos;
      }
    }
    Collections.sort(latencies);
    int n = latencies.size();
    System.out.printf("%d %.3f %.3f %.3f %.3f%n", n, latencies.get(n / 2) / 1e9,
        latencies.get((int) Math.ceil(n * 0.99) - 1) / 1e9, latencies.get(n - 1) / 1e9, longest / 1e9);
  }
}
