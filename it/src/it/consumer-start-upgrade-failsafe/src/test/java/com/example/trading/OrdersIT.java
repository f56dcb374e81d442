package com.example.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Runs against the database quantagent:start started and quantagent:upgrade migrated. */
class OrdersIT {

  private static Connection connect() throws Exception {
    String password = Files.readString(Path.of(System.getProperty("quantagent.started.passwordFile"))).strip();
    // The throwaway password this test received, for the IT's check that neither the build log nor a report shows it.
    Path secrets = Files.createDirectories(Path.of("target", "it-secrets"));
    Files.writeString(secrets.resolve("started.password"), password);
    return DriverManager.getConnection(System.getProperty("quantagent.started.jdbcUrl"),
        System.getProperty("quantagent.started.user"), password);
  }

  @Test
  void anOrderAndItsFillRoundTrip() throws Exception {
    try (Connection c = connect()) {
      long orderId;
      try (PreparedStatement insert = c.prepareStatement(
          "insert into orders (symbol, side, order_type, quantity, price, status) values (?, ?, ?, ?, ?, ?) returning id")) {
        insert.setString(1, "BTC/USDT");
        insert.setString(2, "buy");
        insert.setString(3, "limit");
        insert.setBigDecimal(4, new BigDecimal("0.5"));
        insert.setBigDecimal(5, new BigDecimal("45000.00"));
        insert.setString(6, "filled");
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          orderId = rs.getLong(1);
        }
      }
      try (PreparedStatement fill = c.prepareStatement(
          "insert into fills (order_id, quantity, price, fee) values (?, ?, ?, ?)")) {
        fill.setLong(1, orderId);
        fill.setBigDecimal(2, new BigDecimal("0.5"));
        fill.setBigDecimal(3, new BigDecimal("44990.50"));
        fill.setBigDecimal(4, new BigDecimal("0.01"));
        fill.executeUpdate();
      }
      try (PreparedStatement read = c.prepareStatement(
          "select o.symbol, f.price from orders o join fills f on f.order_id = o.id where o.id = ?")) {
        read.setLong(1, orderId);
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          assertEquals("BTC/USDT", rs.getString(1));
          assertEquals(0, new BigDecimal("44990.50").compareTo(rs.getBigDecimal(2)));
        }
      }
    }
  }
}
