package io.quantagent.schema;

import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.Target;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the Alembic project's {@code tests/test_migrations.py} did, on the migrated schema: a sample row in
 * every table read back, the named indexes, and the constraints that keep bad rows out. Each test migrates
 * a fresh database to head first.
 */
@ExtendWith(PostgresFixture.class)
class SchemaDataTest {
  private static final String BTC = "BTC/USDT";
  private static final OffsetDateTime CANDLE_TIME = OffsetDateTime.parse("2024-01-15T10:00:00Z");

  private TestDatabase database;
  private Connection connection;

  @BeforeEach
  void migrateFreshDatabase(TestDatabase database) throws Exception {
    this.database = database;
    assertEquals(6, QuantagentScripts.migrator(database).upgrade(Target.parseUpgrade("head")).runs().size());
    connection = database.connect();
  }

  @AfterEach
  void closeConnection() throws Exception {
    if (connection != null) {
      connection.close();
    }
  }

  @Test
  void sampleRowInEveryTableReadsBackAndCleansUp() throws Exception {
    // Market data: a BTC 1h candle closing at 45200.00.
    long candleId = insertCandle(BTC, "1h", CANDLE_TIME);
    try (ResultSet rs = query("SELECT * FROM market_data WHERE id = ?", candleId)) {
      assertTrue(rs.next());
      assertEquals(BTC, rs.getString("symbol"));
      assertEquals("1h", rs.getString("timeframe"));
      assertEquals(CANDLE_TIME.toInstant(), instant(rs, "timestamp"));
      assertDecimal("45000.00", rs.getBigDecimal("open"));
      assertDecimal("45500.00", rs.getBigDecimal("high"));
      assertDecimal("44800.00", rs.getBigDecimal("low"));
      assertDecimal("45200.00", rs.getBigDecimal("close"));
      assertDecimal("123.456789", rs.getBigDecimal("volume"));
    }

    // An order, then a fill of it: status and fill progress start at their defaults.
    long orderId = insertReturningId(
        "INSERT INTO orders (symbol, side, order_type, quantity, price) VALUES (?, 'buy', 'limit', 0.5, 45100.00)",
        BTC);
    try (ResultSet rs = query("SELECT * FROM orders WHERE id = ?", orderId)) {
      assertTrue(rs.next());
      assertEquals(BTC, rs.getString("symbol"));
      assertEquals("buy", rs.getString("side"));
      assertEquals("limit", rs.getString("order_type"));
      assertDecimal("0.5", rs.getBigDecimal("quantity"));
      assertDecimal("45100.00", rs.getBigDecimal("price"));
      assertNull(rs.getBigDecimal("stop_price"));
      assertDecimal("0", rs.getBigDecimal("filled_quantity"));
      assertEquals("pending", rs.getString("status"));
      assertNotNull(instant(rs, "created_at"));
      assertEquals(instant(rs, "created_at"), instant(rs, "updated_at"));
    }
    long fillId = insertReturningId(
        "INSERT INTO fills (order_id, quantity, price, fee) VALUES (?, 0.5, 45100.00, 0.02255)", orderId);
    update("UPDATE orders SET status = 'filled', filled_quantity = 0.5, updated_at = now() WHERE id = ?", orderId);
    try (ResultSet rs = query("SELECT f.*, o.status, o.filled_quantity FROM fills f JOIN orders o ON o.id = f.order_id"
        + " WHERE f.id = ?", fillId)) {
      assertTrue(rs.next());
      assertEquals(orderId, rs.getLong("order_id"));
      assertDecimal("0.5", rs.getBigDecimal("quantity"));
      assertDecimal("45100.00", rs.getBigDecimal("price"));
      assertDecimal("0.02255", rs.getBigDecimal("fee"));
      assertNotNull(instant(rs, "filled_at"));
      assertEquals("filled", rs.getString("status"));
      assertDecimal("0.5", rs.getBigDecimal("filled_quantity"));
    }

    // A signal.
    long signalId = insertReturningId("INSERT INTO signals (symbol, signal, confidence, strategy, reasoning)"
        + " VALUES (?, 'buy', 0.85, 'momentum', 'close above the 20-period high')", BTC);
    try (ResultSet rs = query("SELECT * FROM signals WHERE id = ?", signalId)) {
      assertTrue(rs.next());
      assertEquals(BTC, rs.getString("symbol"));
      assertEquals("buy", rs.getString("signal"));
      assertDecimal("0.85", rs.getBigDecimal("confidence"));
      assertEquals("momentum", rs.getString("strategy"));
      assertEquals("close above the 20-period high", rs.getString("reasoning"));
      assertNotNull(instant(rs, "generated_at"));
    }

    // A position.
    long positionId = insertReturningId("INSERT INTO positions (symbol, quantity, average_entry_price, unrealized_pnl)"
        + " VALUES (?, 0.5, 45100.00, 50.00)", BTC);
    try (ResultSet rs = query("SELECT * FROM positions WHERE id = ?", positionId)) {
      assertTrue(rs.next());
      assertEquals(BTC, rs.getString("symbol"));
      assertDecimal("0.5", rs.getBigDecimal("quantity"));
      assertDecimal("45100.00", rs.getBigDecimal("average_entry_price"));
      assertDecimal("0", rs.getBigDecimal("realized_pnl"));
      assertDecimal("50.00", rs.getBigDecimal("unrealized_pnl"));
      assertNotNull(instant(rs, "opened_at"));
    }

    // A closed trade: bought at 44000, sold at 45200, 0.5 BTC, 600.00 profit.
    OffsetDateTime opened = OffsetDateTime.parse("2024-01-14T08:00:00Z");
    OffsetDateTime closed = OffsetDateTime.parse("2024-01-15T11:00:00Z");
    long tradeId = insertReturningId("INSERT INTO trades (symbol, side, entry_price, exit_price, quantity, pnl,"
        + " opened_at, closed_at) VALUES (?, 'buy', 44000.00, 45200.00, 0.5, 600.00, ?, ?)", BTC, opened, closed);
    try (ResultSet rs = query("SELECT * FROM trades WHERE id = ?", tradeId)) {
      assertTrue(rs.next());
      assertEquals(BTC, rs.getString("symbol"));
      assertEquals("buy", rs.getString("side"));
      assertDecimal("44000.00", rs.getBigDecimal("entry_price"));
      assertDecimal("45200.00", rs.getBigDecimal("exit_price"));
      assertDecimal("0.5", rs.getBigDecimal("quantity"));
      assertDecimal("600.00", rs.getBigDecimal("pnl"));
      assertEquals(opened.toInstant(), instant(rs, "opened_at"));
      assertEquals(closed.toInstant(), instant(rs, "closed_at"));
    }

    for (String table : SchemaMigrationTest.TABLES) {
      assertEquals(1, SchemaCatalog.count(connection, table), table);
    }

    // Clean up, children first: an order with fills cannot go before them.
    PSQLException restricted = assertThrows(PSQLException.class, () -> update("DELETE FROM orders WHERE id = ?", orderId));
    assertViolation(restricted, "23503", "fk_fills_order");
    for (String table : List.of("fills", "orders", "positions", "signals", "trades", "market_data")) {
      update("DELETE FROM " + table);
      assertEquals(0, SchemaCatalog.count(connection, table), table);
    }
  }

  @Test
  void pricesAndQuantitiesAreExactNumericsNeverFloatingPoint() throws Exception {
    Map<String, String> types = new TreeMap<>();
    try (ResultSet rs = query("SELECT table_name || '.' || column_name, data_type"
        + " || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')"
        + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'changelog'")) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
    }
    types.forEach((column, type) -> assertFalse(type.startsWith("real") || type.startsWith("double"),
        column + " is floating point: " + type));
    for (String column : List.of("orders.quantity", "orders.price", "orders.stop_price", "orders.filled_quantity",
        "fills.quantity", "fills.price", "fills.fee", "positions.quantity", "positions.average_entry_price",
        "positions.realized_pnl", "positions.unrealized_pnl", "trades.entry_price", "trades.exit_price",
        "trades.quantity", "trades.pnl", "market_data.open", "market_data.high", "market_data.low",
        "market_data.close")) {
      assertEquals("numeric(20,8)", types.get(column), column);
    }
    assertEquals("numeric(30,8)", types.get("market_data.volume"));
    assertEquals("numeric(5,4)", types.get("signals.confidence"));
    for (String column : List.of("orders.created_at", "orders.updated_at", "fills.filled_at", "positions.opened_at",
        "positions.updated_at", "signals.generated_at", "trades.opened_at", "trades.closed_at",
        "market_data.timestamp")) {
      assertEquals("timestamp with time zone", types.get(column), column);
    }
  }

  @Test
  void everyNamedIndexExistsOnItsTableAndColumns() throws Exception {
    Map<String, String> indexes = SchemaCatalog.indexDefinitions(connection);
    Map<String, String> expected = Map.of(
        "idx_symbol_created_at", "CREATE INDEX idx_symbol_created_at ON public.orders USING btree (symbol, created_at)",
        "idx_status_symbol", "CREATE INDEX idx_status_symbol ON public.orders USING btree (status, symbol)",
        "idx_order_filled_at", "CREATE INDEX idx_order_filled_at ON public.fills USING btree (order_id, filled_at)",
        "idx_symbol_generated_at",
        "CREATE INDEX idx_symbol_generated_at ON public.signals USING btree (symbol, generated_at)",
        "idx_symbol_signal", "CREATE INDEX idx_symbol_signal ON public.signals USING btree (symbol, signal)",
        "idx_symbol_opened_at", "CREATE INDEX idx_symbol_opened_at ON public.trades USING btree (symbol, opened_at)",
        "idx_symbol_closed_at", "CREATE INDEX idx_symbol_closed_at ON public.trades USING btree (symbol, closed_at)",
        "idx_symbol_timeframe_timestamp", "CREATE UNIQUE INDEX idx_symbol_timeframe_timestamp ON public.market_data"
            + " USING btree (symbol, timeframe, \"timestamp\")",
        "idx_timestamp", "CREATE INDEX idx_timestamp ON public.market_data USING btree (\"timestamp\")");
    expected.forEach((name, definition) -> assertEquals(definition, indexes.get(name), name));
  }

  @Test
  void aCandleIsUniquePerSymbolTimeframeAndTimestamp() throws Exception {
    insertCandle(BTC, "1h", CANDLE_TIME);
    insertCandle(BTC, "4h", CANDLE_TIME);
    insertCandle("ETH/USDT", "1h", CANDLE_TIME);
    insertCandle(BTC, "1h", CANDLE_TIME.plusHours(1));

    PSQLException duplicate = assertThrows(PSQLException.class, () -> insertCandle(BTC, "1h", CANDLE_TIME));

    assertViolation(duplicate, "23505", "idx_symbol_timeframe_timestamp");
    assertEquals(4, SchemaCatalog.count(connection, "market_data"));
  }

  /** Each bad row on its own, after an order and a position exist, so that every constraint is seen to hold. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "INSERT INTO orders (symbol, side, order_type, quantity) VALUES ('BTC/USDT', 'buy', 'market', 0) | ck_orders_quantity_positive",
      "INSERT INTO orders (symbol, side, order_type, quantity) VALUES ('BTC/USDT', 'hold', 'market', 1) | ck_orders_side",
      "INSERT INTO orders (symbol, side, order_type, quantity) VALUES ('BTC/USDT', 'buy', 'limit', 1) | ck_orders_limit_price",
      "INSERT INTO orders (symbol, side, order_type, quantity, status) VALUES ('BTC/USDT', 'buy', 'market', 1, 'done') | ck_orders_status",
      "UPDATE orders SET filled_quantity = 2 | ck_orders_filled_quantity_range",
      "INSERT INTO fills (order_id, quantity, price) VALUES ((SELECT id FROM orders), 1, -45000) | ck_fills_price_positive",
      "INSERT INTO fills (order_id, quantity, price) VALUES ((SELECT id FROM orders) + 1000, 1, 45000) | fk_fills_order",
      "INSERT INTO positions (symbol, quantity, average_entry_price) VALUES ('BTC/USDT', 2, 45000) | uq_positions_symbol",
      "INSERT INTO positions (symbol, quantity) VALUES ('ETH/USDT', 3) | ck_positions_open_has_entry_price",
      "INSERT INTO signals (symbol, signal, confidence, strategy) VALUES ('BTC/USDT', 'buy', 1.5, 'x') | ck_signals_confidence_range",
      "INSERT INTO signals (symbol, signal, confidence, strategy) VALUES ('BTC/USDT', 'long', 0.5, 'x') | ck_signals_signal",
      "INSERT INTO trades (symbol, side, entry_price, exit_price, quantity, pnl, opened_at, closed_at) VALUES ('BTC/USDT', 'buy', 44000, 45200, 0.5, 600, '2024-01-15T11:00:00Z', '2024-01-15T10:00:00Z') | ck_trades_closed_after_opened",
      "INSERT INTO trades (symbol, side, entry_price, quantity, opened_at, closed_at) VALUES ('BTC/USDT', 'buy', 44000, 0.5, '2024-01-15T10:00:00Z', '2024-01-15T11:00:00Z') | ck_trades_closed_has_exit",
      "INSERT INTO market_data (symbol, timeframe, timestamp, open, high, low, close, volume) VALUES ('BTC/USDT', '1h', '2024-01-15T10:00:00Z', 45000, 44800, 45500, 45200, 1) | ck_market_data_high_low",
      "INSERT INTO market_data (symbol, timeframe, timestamp, open, high, low, close, volume) VALUES ('BTC/USDT', '1h', '2024-01-15T10:00:00Z', 45000, 45500, 44800, 45600, 1) | ck_market_data_range_close",
      "INSERT INTO market_data (symbol, timeframe, timestamp, open, high, low, close, volume) VALUES ('BTC/USDT', '7m', '2024-01-15T10:00:00Z', 45000, 45500, 44800, 45200, 1) | ck_market_data_timeframe"})
  void constraintsRejectBadRows(String sql, String constraint) throws Exception {
    insertReturningId("INSERT INTO orders (symbol, side, order_type, quantity) VALUES (?, 'sell', 'market', 1)", BTC);
    insertReturningId("INSERT INTO positions (symbol, quantity, average_entry_price) VALUES (?, 1, 45000)", BTC);

    PSQLException e = assertThrows(PSQLException.class, () -> update(sql), sql);

    assertViolation(e, constraint.startsWith("fk_") ? "23503" : constraint.startsWith("uq_") ? "23505" : "23514",
        constraint);
    for (String table : List.of("fills", "signals", "trades", "market_data")) {
      assertEquals(0, SchemaCatalog.count(connection, table), table);
    }
    assertEquals(1, SchemaCatalog.count(connection, "orders"));
    assertEquals(1, SchemaCatalog.count(connection, "positions"));
  }

  private long insertCandle(String symbol, String timeframe, OffsetDateTime timestamp) throws SQLException {
    return insertReturningId("INSERT INTO market_data (symbol, timeframe, timestamp, open, high, low, close, volume)"
        + " VALUES (?, ?, ?, 45000.00, 45500.00, 44800.00, 45200.00, 123.456789)", symbol, timeframe, timestamp);
  }

  private long insertReturningId(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql + " RETURNING id", parameters);
        ResultSet rs = statement.executeQuery()) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /** The result set closes its statement. */
  private ResultSet query(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = prepare(sql, parameters);
    statement.closeOnCompletion();
    return statement.executeQuery();
  }

  private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static void assertDecimal(String expected, BigDecimal actual) {
    assertNotNull(actual, "expected " + expected);
    assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
  }

  private static void assertViolation(PSQLException e, String sqlState, String constraint) {
    ServerErrorMessage server = e.getServerErrorMessage();
    assertNotNull(server, e.getMessage());
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    assertEquals(constraint, server.getConstraint(), e.getMessage());
  }
}
