using MoneyBot.OrderFlow.Flow;
using static MoneyBot.Bots.Tests.OrderFlow.Flow.Tape;

namespace MoneyBot.Bots.Tests.OrderFlow.Flow;

/// <summary>Exchange time against arrival order, duplicate ids, id gaps and the history covered (spec 1, 2).</summary>
public sealed class TradeOrderTests
{
    [Fact]
    public void Windows_follow_the_exchange_time_of_the_trades_not_their_arrival()
    {
        // Arrange: three trades arrive together, stamped 0, 40 and 70 s on the exchange.
        var flow = NewFlow();

        // Act
        Feed(flow, Buy(1, Sec(0), 100m, 1m), Buy(2, Sec(40), 100m, 2m), Sell(3, Sec(70), 100m, 0.5m));
        var totals = flow.Window(TimeSpan.FromSeconds(30), Sec(70));

        // Assert: now is the newest trade time, 70 s; (40, 70] holds only the sell.
        Assert.Equal(Sec(70), flow.NewestTradeMs);
        Assert.Equal(1, totals.Trades);
        Assert.Equal(-0.5m, totals.Delta);
    }

    [Fact]
    public void A_trade_earlier_than_the_newest_is_counted_out_of_order_and_taken_at_the_newest_time()
    {
        // Arrange: BUY 1 at 10 s, BUY 1 at 20 s.
        var flow = Fed(Buy(1, Sec(10), 100m, 1m), Buy(2, Sec(20), 100m, 1m));

        // Act: SELL 0.5 stamped 5 s arrives last.
        var outcome = flow.Apply(Sell(3, Sec(5), 100m, 0.5m));

        // Assert: applied at 20 s: it is in (19.999, 20] with the buy of 20 s, and out of (20, 30] at 30 s
        // like that buy, though by its own stamp it would have left (-10, 20] and (-5, 25] long before.
        Assert.Equal(ApplyOutcome.Applied, outcome);
        Assert.Equal(1, flow.Counters.OutOfOrder);
        Assert.Equal(Sec(20), flow.NewestTradeMs);
        var lastMillisecond = flow.Window(TimeSpan.FromMilliseconds(1), Sec(20));
        Assert.Equal(2, lastMillisecond.Trades);
        Assert.Equal(0.5m, lastMillisecond.Delta);
        Assert.Equal(2, flow.Window(TimeSpan.FromSeconds(10), Sec(29.999m)).Trades);
        Assert.Equal(0, flow.Window(TimeSpan.FromSeconds(10), Sec(30)).Trades);
        Assert.Equal(1.5m, flow.Cvd(Sec(20)));
    }

    [Fact]
    public void A_trade_whose_id_was_already_applied_is_skipped()
    {
        // Arrange: BUY 1 (id 1), SELL 0.25 (id 2).
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Sell(2, Sec(1), 100m, 0.25m));

        // Act: id 2 again, then id 1 again, with other figures and later times.
        var outcomes = Feed(flow, Buy(2, Sec(2), 100m, 5m), Buy(1, Sec(3), 100m, 7m));

        // Assert: nothing changed: 1 - 0.25 = 0.75, time still 1 s.
        Assert.Equal(new[] { ApplyOutcome.Duplicate, ApplyOutcome.Duplicate }, outcomes);
        Assert.Equal(2, flow.Trades);
        Assert.Equal(2, flow.Counters.Duplicates);
        Assert.Equal(2L, flow.LastId);
        Assert.Equal(Sec(1), flow.NewestTradeMs);
        Assert.Equal(0.75m, flow.Window(TimeSpan.FromSeconds(30), Sec(1)).Delta);
        Assert.Equal(0.75m, flow.Cvd(Sec(1)));
    }

    [Fact]
    public void An_id_gap_is_applied_counted_and_restarts_the_covered_history()
    {
        // Arrange: ids 1 (0 s) and 2 (10 s), covered from 0 s.
        var flow = Fed(Buy(1, Sec(0), 100m, 1m), Buy(2, Sec(10), 100m, 1m));
        var coveredBefore = flow.CoveredFromMs;

        // Act: id 5 (20 s) skips 3 and 4; id 6 follows.
        var outcomes = Feed(flow, Sell(5, Sec(20), 100m, 1m), Buy(6, Sec(25), 100m, 1m));

        // Assert
        Assert.Equal(Sec(0), coveredBefore);
        Assert.Equal(new[] { ApplyOutcome.AppliedAfterGap, ApplyOutcome.Applied }, outcomes);
        Assert.Equal((1L, 2L), (flow.Counters.Gaps, flow.Counters.MissedTrades));
        Assert.Equal(Sec(20), flow.CoveredFromMs);
        Assert.Equal(4, flow.Window(TimeSpan.FromSeconds(30), Sec(25)).Trades); // applied all the same
    }

    [Fact]
    public void After_a_gap_a_window_is_covered_only_once_it_starts_at_the_gap_or_later()
    {
        // Arrange: a gap at 20 s.
        var flow = Fed(
            Buy(1, Sec(0), 100m, 1m),
            Buy(2, Sec(10), 100m, 1m),
            Sell(5, Sec(20), 100m, 1m),
            Buy(6, Sec(25), 100m, 1m)
        );

        // Act
        var at25 = flow.Covers(TimeSpan.FromSeconds(30), Sec(25));
        var at50 = flow.Covers(TimeSpan.FromSeconds(30), Sec(50));
        var longerAt50 = flow.Covers(TimeSpan.FromMilliseconds(30_001), Sec(50));
        var snapshot = flow.Snapshot(Sec(50));

        // Assert: (20, 50] lies after the hole; (19.999, 50] reaches into it.
        Assert.False(at25);
        Assert.True(at50);
        Assert.False(longerAt50);
        Assert.True(snapshot.Window(TimeSpan.FromSeconds(30)).Covered);
        Assert.False(snapshot.Window(TimeSpan.FromSeconds(60)).Covered);
        Assert.False(snapshot.Window(TimeSpan.FromSeconds(300)).Covered);
    }

    [Fact]
    public void Every_gap_and_every_missed_trade_is_counted()
    {
        // Arrange
        var flow = NewFlow();

        // Act: 1, 3 (misses 2), 10 (misses 4..9).
        Feed(flow, Buy(1, Sec(0), 100m, 1m), Buy(3, Sec(1), 100m, 1m), Buy(10, Sec(2), 100m, 1m));

        // Assert
        Assert.Equal((2L, 7L), (flow.Counters.Gaps, flow.Counters.MissedTrades));
        Assert.Equal(Sec(2), flow.CoveredFromMs);
    }

    [Fact]
    public void History_is_covered_from_the_first_trade()
    {
        // Arrange
        var empty = NewFlow();
        var flow = Fed(Buy(1, Sec(0), 100m, 1m));

        // Act
        var beforeAnyTrade = empty.Covers(TimeSpan.FromSeconds(30), Sec(30));
        var notYet = flow.Covers(TimeSpan.FromSeconds(30), Sec(29.999m));
        var covered = flow.Covers(TimeSpan.FromSeconds(30), Sec(30));

        // Assert
        Assert.False(beforeAnyTrade);
        Assert.False(notYet);
        Assert.True(covered);
    }
}
