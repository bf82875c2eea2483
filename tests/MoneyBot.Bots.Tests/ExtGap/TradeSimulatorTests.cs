using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;
using static MoneyBot.Bots.Tests.ExtGap.Bars;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Reversal trading, entry rules, expiry, fees and running totals (spec section 4).</summary>
public sealed class TradeSimulatorTests
{
    private static Gap GapAt(int index, GapPolarity polarity, bool first = false, bool reversal = true) =>
        new(polarity, 100, T(index - 1), T(index).AddMinutes(3).AddMilliseconds(-1), first, reversal && !first, 1, 2);

    private static List<TradeEvent> Feed(TradeSimulator trader, Candle candle, Gap? gap = null)
    {
        var events = new List<TradeEvent>();
        trader.OnCandle(candle, gap, events);
        return events;
    }

    [Fact]
    public void First_gap_and_same_polarity_gaps_do_not_trade()
    {
        // Arrange
        var trader = new TradeSimulator("BTCUSDT", TradingSettings.Default);

        // Act
        var onFirst = Feed(trader, Bar(1, 100, 101), GapAt(1, GapPolarity.Bullish, first: true));
        var onSame = Feed(trader, Bar(2, 101, 102), GapAt(2, GapPolarity.Bullish, reversal: false));

        // Assert
        Assert.Empty(onFirst);
        Assert.Empty(onSame);
        Assert.Null(trader.OpenPosition);
    }

    [Fact]
    public void A_reversal_closes_at_the_detection_close_and_opens_the_other_side_at_the_same_price_and_time()
    {
        // Arrange
        var trader = new TradeSimulator("BTCUSDT", TradingSettings.Default);
        var first = Bar(1, 99, 101, close: 100);
        Feed(trader, first, GapAt(1, GapPolarity.Bullish));
        var second = Bar(5, 109, 111, close: 110);

        // Act
        var events = Feed(trader, second, GapAt(5, GapPolarity.Bearish));

        // Assert
        Assert.Collection(
            events,
            e =>
            {
                var t = Assert.IsType<PositionClosed>(e).Trade;
                Assert.Equal(
                    (PositionSide.Long, 100m, 110m, CloseReason.Reverse),
                    (t.Side, t.EntryPrice, t.ExitPrice, t.Reason)
                );
                Assert.Equal((first.CloseTime, second.CloseTime), (t.OpenTime, t.CloseTime));
            },
            e =>
            {
                var p = Assert.IsType<PositionOpened>(e).Position;
                Assert.Equal((PositionSide.Short, 110m, second.CloseTime), (p.Side, p.EntryPrice, p.EntryTime));
            }
        );
    }

    [Fact]
    public void With_the_next_open_rule_the_entry_is_the_next_candles_open()
    {
        // Arrange
        var trader = new TradeSimulator("BTCUSDT", TradingSettings.Default with { EntryRule = EntryRule.NextOpen });
        var onGap = Feed(trader, Bar(1, 99, 101, close: 100), GapAt(1, GapPolarity.Bullish));
        var next = Candle.Create(ThreeMinutes, T(2), open: 100.4m, high: 102, low: 100, close: 101);

        // Act
        var events = Feed(trader, next);

        // Assert
        Assert.Empty(onGap);
        var p = Assert.IsType<PositionOpened>(Assert.Single(events)).Position;
        Assert.Equal((PositionSide.Long, 100.4m, T(2)), (p.Side, p.EntryPrice, p.EntryTime));
        Assert.Null(trader.PendingEntry);
    }

    [Fact]
    public void A_position_held_24_hours_closes_at_that_candles_close_and_the_bot_stays_flat()
    {
        // Arrange: entry at bar 0's close; bar 479 closes 24 h - 3 min later, bar 480 exactly 24 h later.
        var trader = new TradeSimulator("BTCUSDT", TradingSettings.Default);
        Feed(trader, Bar(0, 99, 101, close: 100), GapAt(0, GapPolarity.Bullish));

        // Act
        var before = Feed(trader, Bar(479, 100, 102, close: 101));
        var expiry = Feed(trader, Bar(480, 100, 102, close: 102));
        var sameSide = Feed(trader, Bar(481, 102, 103), GapAt(481, GapPolarity.Bullish, reversal: false));

        // Assert
        Assert.Empty(before);
        var t = Assert.IsType<PositionClosed>(Assert.Single(expiry)).Trade;
        Assert.Equal((CloseReason.Expiry, 102m, Bar(480, 0, 0).CloseTime), (t.Reason, t.ExitPrice, t.CloseTime));
        Assert.Equal(TimeSpan.FromHours(24), t.CloseTime - t.OpenTime);
        Assert.Empty(sameSide);
        Assert.Null(trader.OpenPosition);
    }

    [Fact]
    public void Expiry_is_checked_before_the_gap_on_the_same_candle()
    {
        // Arrange: a 1 h limit; the reversal comes on the candle that reaches it.
        var trader = new TradeSimulator("BTCUSDT", TradingSettings.Default with { MaxHold = TimeSpan.FromHours(1) });
        Feed(trader, Bar(0, 99, 101, close: 100), GapAt(0, GapPolarity.Bullish));

        // Act
        var events = Feed(trader, Bar(20, 95, 99, close: 96), GapAt(20, GapPolarity.Bearish));

        // Assert
        Assert.Collection(
            events,
            e => Assert.Equal(CloseReason.Expiry, Assert.IsType<PositionClosed>(e).Trade.Reason),
            e => Assert.Equal(PositionSide.Short, Assert.IsType<PositionOpened>(e).Position.Side)
        );
    }

    [Fact]
    public void Fees_are_entry_plus_exit_on_the_notional_and_totals_add_up()
    {
        // Arrange: LONG 100 -> 110 (+10 %), SHORT 110 -> 121 (-10 %), LONG 121 -> 121.0726 (+0.06 %: breakeven).
        var trader = new TradeSimulator("ETHUSDT", TradingSettings.Default);
        Feed(trader, Bar(0, 99, 101, close: 100), GapAt(0, GapPolarity.Bullish));

        // Act
        var win = ((PositionClosed)Feed(trader, Bar(1, 109, 111, close: 110), GapAt(1, GapPolarity.Bearish))[0]).Trade;
        var loss = ((PositionClosed)Feed(trader, Bar(2, 120, 122, close: 121), GapAt(2, GapPolarity.Bullish))[0]).Trade;
        var even = (
            (PositionClosed)Feed(trader, Bar(3, 121, 122, close: 121.0726m), GapAt(3, GapPolarity.Bearish))[0]
        ).Trade;

        // Assert
        Assert.Equal(
            (TradeStatus.Win, 0.1m, 100m, 99.4m, 0.6m, 10m),
            (win.Status, win.Return, win.GrossPnl, win.RealizedPnl, win.TotalFees, win.Quantity)
        );
        Assert.Equal(
            (TradeStatus.Loss, -0.1m, -100m, -100.6m),
            (loss.Status, loss.Return, loss.GrossPnl, loss.RealizedPnl)
        );
        Assert.Equal((TradeStatus.Breakeven, 0m), (even.Status, even.RealizedPnl));
        Assert.Equal(new TradeStatistics(1, 1, 1, -1.2m, 1.8m), even.Totals);
        Assert.Equal(
            (1, 0, 99.4m, 0.6m),
            (win.Totals.Wins, win.Totals.Losses, win.Totals.CumulativePnl, win.Totals.CumulativeFees)
        );
        Assert.Equal("ETHUSDT", even.Market);
    }

    [Fact]
    public void Fee_rates_and_notional_come_from_the_settings()
    {
        // Arrange
        var settings = TradingSettings.Default with { Notional = 250, EntryFeeRate = 0.001m, ExitFeeRate = 0.0005m };
        var trader = new TradeSimulator("BTCUSDT", settings);
        Feed(trader, Bar(0, 99, 101, close: 100), GapAt(0, GapPolarity.Bearish));

        // Act
        var trade = ((PositionClosed)Feed(trader, Bar(1, 89, 91, close: 90), GapAt(1, GapPolarity.Bullish))[0]).Trade;

        // Assert: SHORT 100 -> 90 = +10 % of 250 = 25; fees 0.25 + 0.125.
        Assert.Equal(
            (PositionSide.Short, 2.5m, 25m, 0.375m, 24.625m),
            (trade.Side, trade.Quantity, trade.GrossPnl, trade.TotalFees, trade.RealizedPnl)
        );
    }

    [Fact]
    public void Invalid_settings_are_refused_with_the_setting_named()
    {
        // Act
        var ex = Assert.Throws<ArgumentException>(() =>
            new TradeSimulator("BTCUSDT", TradingSettings.Default with { Notional = 0 })
        );

        // Assert
        Assert.Contains("notional", ex.Message, StringComparison.Ordinal);
    }
}
