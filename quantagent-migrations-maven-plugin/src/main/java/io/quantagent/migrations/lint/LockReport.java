package io.quantagent.migrations.lint;

import java.util.List;

/**
 * The proven lock report: what each statement of the pending scripts did on a throwaway database of the live
 * server's major version ({@code scripts} of them, in order).
 */
public record LockReport(int serverMajor, int scripts, List<ProvenStatement> statements) {

  /** The statements worth a line: those that touched a table that existed before, ran outside a transaction, or failed. */
  public List<ProvenStatement> notable() {
    return statements.stream().filter(s -> !s.tables().isEmpty() || s.outsideTransaction() || s.failure() != null)
        .toList();
  }

  public String headline() {
    return "Proven on a throwaway PostgreSQL " + serverMajor + " (" + scripts + " pending script"
        + (scripts == 1 ? "" : "s") + ", " + statements.size() + " statement" + (statements.size() == 1 ? "" : "s")
        + "): " + (notable().isEmpty() ? "no statement locks a table that existed before."
            : notable().size() + " statement" + (notable().size() == 1 ? "" : "s") + " lock existing tables:");
  }
}
