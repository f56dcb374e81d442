package io.quantagent.migrations.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Objects created or dropped together, ordered so that each comes after what it uses (its views, the tables its
 * foreign keys reference); drops go the other way. Among objects free to go, names in alphabetical order, so that
 * the same schemas give the same draft. What uses itself counts as using nothing.
 *
 * @param order every name, what is used first
 * @param unordered the names in a cycle of use (or using one), last in {@code order}, alphabetical: no order works
 *     for them, and the caller breaks the cycle (a foreign key dropped first)
 */
record DependencyOrder(List<String> order, SortedSet<String> unordered) {

  static DependencyOrder of(Collection<String> names, Function<String, Collection<String>> uses) {
    SortedSet<String> waiting = new TreeSet<>(names);
    List<String> order = new ArrayList<>();
    boolean progressed = true;
    while (!waiting.isEmpty() && progressed) {
      progressed = false;
      for (String name : List.copyOf(waiting)) {
        boolean ready = uses.apply(name).stream().noneMatch(used -> !used.equals(name) && waiting.contains(used));
        if (ready) {
          waiting.remove(name);
          order.add(name);
          progressed = true;
          break;
        }
      }
    }
    order.addAll(waiting);
    return new DependencyOrder(List.copyOf(order), Collections.unmodifiableSortedSet(waiting));
  }

  /** What uses the others first: the order drops go in. */
  List<String> reversed() {
    List<String> reversed = new ArrayList<>(order);
    Collections.reverse(reversed);
    return reversed;
  }
}
