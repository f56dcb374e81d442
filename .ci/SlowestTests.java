import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the build's test time went: the ten slowest test classes (surefire) and invoker cases, from the reports
 * the build wrote. Run with {@code java .ci/SlowestTests.java} from the repository root; needs only a JDK.
 */
public class SlowestTests {
  private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*?name=\"([^\"]+)\"[^>]*?time=\"([0-9.,]+)\"");
  private static final Pattern CASE = Pattern.compile("<build-job [^>]*?project=\"([^\"]+)\"[^>]*?time=\"([0-9.,]+)\"");

  record Timing(String what, double seconds) {}

  public static void main(String[] args) throws IOException {
    List<Timing> timings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("."), 5)) {
      for (Path file : files.filter(SlowestTests::isReport).toList()) {
        String xml = Files.readString(file);
        Matcher m = (file.toString().contains("invoker-reports") ? CASE : SUITE).matcher(xml);
        if (m.find()) {
          String kind = file.toString().contains("invoker-reports") ? "IT   " : "class";
          timings.add(new Timing(kind + " " + m.group(1), Double.parseDouble(m.group(2).replace(",", ""))));
        }
      }
    }
    double total = timings.stream().mapToDouble(Timing::seconds).sum();
    System.out.printf("Test time by class and invoker case: %d reports, %.0f s in all (invoker cases run three at a time)%n",
        timings.size(), total);
    timings.stream().sorted(Comparator.comparingDouble(Timing::seconds).reversed()).limit(Integer.getInteger("top", 10))
        .forEach(t -> System.out.printf("  %7.1f s  %s%n", t.seconds(), t.what()));
  }

  private static boolean isReport(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".xml") && (name.startsWith("TEST-") && file.toString().contains("surefire-reports")
        || name.startsWith("BUILD-") && file.toString().contains("invoker-reports"));
  }
}
