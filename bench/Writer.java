import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trading application's writer for bench/run.sh: one INSERT into orders every 10 ms on its own connection, until
 * the file STOP exists. Each insert's latency counts from when it was due, not from when it could start, so a stall
 * shows in every insert it delayed. Prints "count p50 p99 max" in seconds.
 *
 *   java -cp postgresql.jar bench/Writer.java URL USER PASSWORD STOP
 */
public class Writer {
  public static void main(String[] args) throws Exception {
    Path stop = Path.of(args[3]);
    long periodNanos = 10_000_000L;
    List<Long> latencies = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        PreparedStatement insert = c.prepareStatement("insert into orders (symbol) values ('AAPL')")) {
      long due = System.nanoTime();
      while (!Files.exists(stop)) {
        long now = System.nanoTime();
        if (now < due) {
          Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000)); // the writer's pace
        }
        insert.executeUpdate();
        latencies.add(System.nanoTime() - due);
        due += periodNanos;
      }
    }
    Collections.sort(latencies);
    int n = latencies.size();
    System.out.printf("%d %.3f %.3f %.3f%n", n, latencies.get(n / 2) / 1e9, latencies.get((int) Math.ceil(n * 0.99) - 1) / 1e9,
        latencies.get(n - 1) / 1e9);
  }
}
