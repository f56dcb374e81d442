package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.PostgresMajor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class ConstraintAndIndexDifferencesTest extends OnEachServer {
  private static final String ORDERS = "create table orders (id bigint primary key);"
      + " create table fills (id bigint not null, order_id bigint, quantity numeric, during tstzrange);";
  private static final String FOREIGN_KEY_RESTRICT =
      "alter table fills add constraint fk_fills_order foreign key (order_id) references orders (id) on delete restrict";
  private static final String FOREIGN_KEY_CASCADE =
      "alter table fills add constraint fk_fills_order foreign key (order_id) references orders (id) on delete cascade";
  private static final String CHECK_POSITIVE = "alter table fills add constraint ck_quantity check (quantity > 0)";

  @ParameterizedTest(name = "{argumentSetName}")
  @MethodSource
  void constraintAndIndexDifferences(String common, String migrationsOnly, String databaseOnly, List<String> expected,
      TestInfo testInfo) throws Exception {
    assertEquals(expected, lines(common, migrationsOnly, databaseOnly), testInfo.getDisplayName());
  }

  static Stream<Arguments> constraintAndIndexDifferences() {
    return Stream.of(
        argumentSet("primary key only in the migrations",
            ORDERS, "alter table fills add primary key (id)", "",
            List.of("fills.fills_pkey: primary key in the migrations, not in the database (PRIMARY KEY (id))")),
        argumentSet("unique constraint only in the database",
            ORDERS, "", "alter table fills add constraint uq_fills unique (order_id, id)",
            List.of("fills.uq_fills: unique constraint in the database, not in the migrations (UNIQUE (order_id, id))")),
        argumentSet("unique constraint over its columns in another order",
            ORDERS, "alter table fills add constraint uq_fills unique (order_id, id)",
            "alter table fills add constraint uq_fills unique (id, order_id)",
            List.of("fills.uq_fills: unique constraint differs: migrations have UNIQUE (order_id, id),"
                + " database has UNIQUE (id, order_id)")),
        argumentSet("foreign key only in the migrations",
            ORDERS, FOREIGN_KEY_RESTRICT, "",
            List.of("fills.fk_fills_order: foreign key in the migrations, not in the database"
                + " (FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT)")),
        argumentSet("foreign key on delete action",
            ORDERS, FOREIGN_KEY_RESTRICT, FOREIGN_KEY_CASCADE,
            List.of("fills.fk_fills_order: foreign key differs:"
                + " migrations have FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT,"
                + " database has FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE")),
        argumentSet("check constraint only in the database",
            ORDERS, "", CHECK_POSITIVE,
            List.of("fills.ck_quantity: check constraint in the database, not in the migrations (CHECK (quantity > 0::numeric))")),
        argumentSet("check constraint expression",
            ORDERS, CHECK_POSITIVE, "alter table fills add constraint ck_quantity check (quantity >= 0)",
            List.of("fills.ck_quantity: check constraint differs: migrations have CHECK (quantity > 0::numeric),"
                + " database has CHECK (quantity >= 0::numeric)")),
        argumentSet("exclusion constraint only in the migrations",
            ORDERS, "alter table fills add constraint ex_fills_during exclude using gist (during with &&)", "",
            List.of("fills.ex_fills_during: exclusion constraint in the migrations, not in the database"
                + " (EXCLUDE USING gist (during WITH &&))")),
        argumentSet("constraint of another kind under the same name",
            ORDERS, "alter table fills add constraint c check (id > 0)", "alter table fills add constraint c unique (id)",
            List.of("fills.c: constraint differs: migrations have check constraint CHECK (id > 0),"
                + " database has unique constraint UNIQUE (id)")),
        argumentSet("index only in the database",
            ORDERS, "", "create index idx_order on fills (order_id)",
            List.of("idx_order: index in the database, not in the migrations"
                + " (CREATE INDEX idx_order ON public.fills USING btree (order_id))")),
        argumentSet("index only in the migrations",
            ORDERS, "create index idx_order on fills (order_id)", "",
            List.of("idx_order: index in the migrations, not in the database"
                + " (CREATE INDEX idx_order ON public.fills USING btree (order_id))")),
        argumentSet("index predicate",
            ORDERS, "create index idx_open on fills (order_id) where quantity > 0",
            "create index idx_open on fills (order_id) where quantity > 1",
            List.of("idx_open: index differs:"
                + " migrations have CREATE INDEX idx_open ON public.fills USING btree (order_id) WHERE (quantity > (0)::numeric),"
                + " database has CREATE INDEX idx_open ON public.fills USING btree (order_id) WHERE (quantity > (1)::numeric)")),
        argumentSet("index expression",
            ORDERS, "create index idx on fills (abs(quantity))", "create index idx on fills (quantity)",
            List.of("idx: index differs: migrations have CREATE INDEX idx ON public.fills USING btree (abs(quantity)),"
                + " database has CREATE INDEX idx ON public.fills USING btree (quantity)")),
        argumentSet("index method",
            ORDERS, "create index idx on fills (order_id)", "create index idx on fills using hash (order_id)",
            List.of("idx: index differs: migrations have CREATE INDEX idx ON public.fills USING btree (order_id),"
                + " database has CREATE INDEX idx ON public.fills USING hash (order_id)")),
        argumentSet("index uniqueness",
            ORDERS, "create unique index idx on fills (order_id)", "create index idx on fills (order_id)",
            List.of("idx: index differs: migrations have CREATE UNIQUE INDEX idx ON public.fills USING btree (order_id),"
                + " database has CREATE INDEX idx ON public.fills USING btree (order_id)")));
  }

  @Test
  void indexesBehindConstraintsAreTheConstraints() throws Exception {
    TestDatabase db = freshDatabase();
    db.execute(ORDERS + "alter table fills add primary key (id);"
        + " alter table fills add constraint uq unique (order_id);"
        + " alter table fills add constraint ex exclude using gist (during with &&);"
        + " alter table fills add constraint fk foreign key (order_id) references orders (id);"
        + " create index idx_quantity on fills (quantity);");
    SchemaSnapshot snapshot = snapshot(db);
    assertEquals(List.of("idx_quantity"), List.copyOf(snapshot.indexes().keySet()));
    assertEquals(List.of("fills.ex", "fills.fills_pkey", "fills.fk", "fills.uq", "orders.orders_pkey"),
        List.copyOf(snapshot.constraints().keySet()));
  }
}
