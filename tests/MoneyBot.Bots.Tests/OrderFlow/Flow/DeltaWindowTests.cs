using System.Globalization;
using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>
/// Delta(W) over (t - W, t] in base and quote currency, the window boundary and the retention (spec 3).
/// </summary>
public sealed class DeltaWindowTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    // The tape of the window theory; prices are small so no trade is a whale.
    //   t=0    BUY  1.5  @ 100  notional 150
    //   t=100  SELL 0.7  @ 101  notional  70.7
    //   t=250  BUY  0.25 @ 102  notional  25.5
    //   t=275  SELL 2    @ 100  notional 200
    //   t=290  BUY  0.4  @ 103  notional  41.2
    //   t=300  BUY  1    @ 104  notional 104
    private static SymbolFlow FiveMinutesOfTrades() =>
        Fed(
            Buy(1, Sec(0), 100m, 1.5m),
            Sell(2, Sec(100), 101m, 0.7m),
            Buy(3, Sec(250), 102m, 0.25m),
            Sell(4, Sec(275), 100m, 2m),
            Buy(5, Sec(290), 103m, 0.4m),
            Buy(6, Sec(300), 104m, 1m)
        );

    [Theory]
    // 30 s = (270, 300]: trades at 275, 290, 300. Buys 0.4 + 1; sells 2. Quote: 41.2 + 104 = 145.2 against 200.
    [InlineData(30, 3, "1.4", "2", "-0.6", "145.2", "200", "-54.8")]
    // 60 s = (240, 300]: also the buy at 250 (0.25, 25.5).
    [InlineData(60, 4, "1.65", "2", "-0.35", "170.7", "200", "-29.3")]
    // 300 s = (0, 300]: also the sell at 100 (0.7, 70.7); the buy at t=0 is exactly 300 s old, so out.
    [InlineData(300, 5, "1.65", "2.7", "-1.05", "170.7", "270.7", "-100.0")]
    public void Window_sums_the_trades_of_the_last_W_seconds_in_base_and_quote_currency(
        int seconds,
        long trades,
        string buy,
        string sell,
        string delta,
        string buyQuote,
        string sellQuote,
        string deltaQuote
    )
    {
        // Arrange
        var flow = FiveMinutesOfTrades();

        // Act
        var totals = flow.Window(TimeSpan.FromSeconds(seconds), Sec(300));

        // Assert
        Assert.Equal(trades, totals.Trades);
        Assert.Equal(D(buy), totals.BuyQuantity);
        Assert.Equal(D(sell), totals.SellQuantity);
        Assert.Equal(D(delta), totals.Delta);
        Assert.Equal(D(buyQuote), totals.BuyQuote);
        Assert.Equal(D(sellQuote), totals.SellQuote);
        Assert.Equal(D(deltaQuote), totals.DeltaQuote);
    }

    [Fact]
    public void A_trade_exactly_W_old_is_out_of_the_window_and_one_a_millisecond_younger_is_in()
    {
        // Arrange: BUY 1 at t=0, SELL 0.5 at t=30 s.
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Sell(2, Sec(30), 100m, 0.5m));

        // Act
        var exactlyOld = flow.Window(TimeSpan.FromSeconds(30), Sec(30));
        var justYounger = flow.Window(TimeSpan.FromMilliseconds(30_001), Sec(30));

        // Assert: (0, 30] holds only the sell: delta -0.5; (-0.001, 30] holds both: 1 - 0.5 = 0.5.
        Assert.Equal(1, exactlyOld.Trades);
        Assert.Equal(-0.5m, exactlyOld.Delta);
        Assert.Equal(2, justYounger.Trades);
        Assert.Equal(0.5m, justYounger.Delta);
    }

    [Fact]
    public void A_later_query_moment_ages_trades_out_when_the_feed_is_stale()
    {
        // Arrange: BUY 1 at t=0, SELL 0.5 at t=30 s, then nothing.
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Sell(2, Sec(30), 100m, 0.5m));

        // Act: the wall clock says t=60 s.
        var last30 = flow.Window(TimeSpan.FromSeconds(30), Sec(60));
        var last60 = flow.Window(TimeSpan.FromSeconds(60), Sec(60));

        // Assert: (30, 60] is empty; (0, 60] holds the sell only.
        Assert.Equal(0, last30.Trades);
        Assert.Equal(0m, last30.Delta);
        Assert.Equal(1, last60.Trades);
        Assert.Equal(-0.5m, last60.Delta);
    }

    [Fact]
    public void A_query_moment_before_the_newest_trade_is_taken_at_the_newest_trade()
    {
        // Arrange
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Sell(2, Sec(30), 100m, 0.5m));

        // Act
        var early = flow.Window(TimeSpan.FromSeconds(30), Sec(10));

        // Assert: the same as at t=30 s: (0, 30], the sell only.
        Assert.Equal(flow.Window(TimeSpan.FromSeconds(30), Sec(30)), early);
        Assert.Equal(-0.5m, early.Delta);
    }

    [Fact]
    public void A_window_as_long_as_the_15_minute_retention_is_allowed_and_keeps_its_boundary()
    {
        // Arrange: trades at 0, 0.001 s and 900 s.
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Buy(2, Sec(0.001m), 100m, 2m), Sell(3, Sec(900), 100m, 4m));

        // Act
        var totals = flow.Window(TimeSpan.FromMinutes(15), Sec(900));

        // Assert: (0, 900]: the trade at 0 is exactly 15 min old and out; 2 - 4 = -2.
        Assert.Equal(2, totals.Trades);
        Assert.Equal(-2m, totals.Delta);
    }

    [Theory]
    [InlineData(900_001)]
    [InlineData(3_600_000)]
    [InlineData(0)]
    public void A_window_longer_than_the_retention_or_empty_throws(long milliseconds)
    {
        // Arrange
        var flow = Fed(Buy(1, Sec(0), 100m, 1m));

        // Act
        var error = Record.Exception(() => flow.Window(TimeSpan.FromMilliseconds(milliseconds), Sec(0)));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void A_longer_configured_retention_allows_a_longer_window()
    {
        // Arrange: retention 20 min; trades at 0 and 1 s.
        var flow = NewFlow(new FlowSettings { Retention = TimeSpan.FromMinutes(20) });
        Feed(flow, Buy(1, Sec(0), 100m, 1m), Buy(2, Sec(1), 100m, 1m));

        // Act: at t=1200.5 s the 20 min window is (0.5, 1200.5].
        var totals = flow.Window(TimeSpan.FromMinutes(20), Sec(1200.5m));

        // Assert
        Assert.Equal(1, totals.Trades);
    }

    [Fact]
    public void Trades_older_than_the_retention_are_evicted_while_windows_stay_exact()
    {
        // Arrange: 20,000 buys of 0.001, one every 100 ms from t=0 (trade k at k x 100 ms); the newest at
        // 1,999.9 s. Enough to grow and wrap the ring buffer several times.
        var flow = NewFlow();
        for (var k = 0; k < 20_000; k++)
        {
            flow.Apply(Buy(k + 1, Sec(0) + (k * 100L), 100m, 0.001m));
        }

        // Act
        var retention = flow.Window(TimeSpan.FromMinutes(15), Sec(1999.9m));
        var fiveMinutes = flow.Window(TimeSpan.FromSeconds(300), Sec(1999.9m));

        // Assert: 15 min = (1099.9, 1999.9]: k = 11,000..19,999, 9,000 trades, 9.000;
        // 300 s = (1699.9, 1999.9]: k = 17,000..19,999, 3,000 trades, 3.000. CVD counts all 20,000.
        Assert.Equal(9_000, retention.Trades);
        Assert.Equal(9.000m, retention.Delta);
        Assert.Equal(3_000, fiveMinutes.Trades);
        Assert.Equal(3.000m, fiveMinutes.BuyQuantity);
        Assert.Equal(20_000, flow.Trades);
        Assert.Equal(20.000m, flow.Cvd(Sec(1999.9m)));
    }

    [Fact]
    public void Quantities_keep_the_input_decimals()
    {
        // Arrange: 8-decimal quantities as Binance sends them.
        var flow = Fed(
            Buy(1, Sec(0), 50_000.00m, 0.10000000m),
            Sell(2, Sec(1), 50_000.00m, 0.05000000m),
            Buy(3, Sec(2), 50_000.00m, 0.20000000m)
        );

        // Act
        var totals = flow.Window(TimeSpan.FromSeconds(30), Sec(2));
        var cvd = flow.Cvd(Sec(2));

        // Assert: 0.1 + 0.2 = 0.30000000, 0.30000000 - 0.05000000 = 0.25000000, not 0.3 or 0.25.
        Assert.Equal("0.30000000", totals.BuyQuantity.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.05000000", totals.SellQuantity.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.25000000", totals.Delta.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.25000000", cvd.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.25000000", flow.CvdBars()[^1].Close.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_window_with_buys_only_keeps_the_decimals_of_its_delta()
    {
        // Arrange
        var flow = Fed(Buy(1, Sec(0), 50_000.00m, 0.10000000m));

        // Act
        var totals = flow.Window(TimeSpan.FromSeconds(30), Sec(0));

        // Assert: 0.10000000 - 0 keeps eight decimals.
        Assert.Equal("0.10000000", totals.Delta.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.10000000", flow.Cvd(Sec(0)).ToString(CultureInfo.InvariantCulture));
    }
}
