package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import org.apache.ibatis.migration.Change;

/** One migration as the user knows it: its id and description. Like MyBatis' Change, its id is its identity. */
public record MigrationInfo(BigDecimal id, String description) implements Comparable<MigrationInfo> {

  static MigrationInfo of(Change change) {
    return new MigrationInfo(change.getId(), change.getDescription());
  }

  public String idText() {
    return id.toPlainString();
  }

  @Override
  public int compareTo(MigrationInfo other) {
    return id.compareTo(other.id);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MigrationInfo that && id.compareTo(that.id) == 0;
  }

  @Override
  public int hashCode() {
    return id.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return idText() + " (" + description + ")";
  }
}
