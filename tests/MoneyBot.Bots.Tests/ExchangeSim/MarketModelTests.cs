using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.Bots.Tests.ExchangeSim;

public sealed class MarketModelTests
{
    private const long Hour = 3_600_000;
    private static readonly long T0 = TestExchange.Start.ToUnixTimeMilliseconds();

    private static SymbolMarket Generate(string symbol = "BTCUSDT", ulong seed = 7, long hours = 6)
    {
        var market = new SymbolMarket(Instrument.For(symbol), seed, 3, T0, TimeSpan.FromDays(1));
        market.AdvanceTo(T0 + (hours * Hour));
        return market;
    }

    private static List<AggTrade> AllTrades(SymbolMarket market, long from, long to)
    {
        var trades = new List<AggTrade>();
        for (var start = from; start < to; start += Hour)
        {
            trades.AddRange(market.GetAggTrades(null, start, start + Hour - 1, int.MaxValue));
        }

        return trades;
    }

    [Fact]
    public void The_same_seed_gives_the_same_tape_and_another_seed_a_different_one()
    {
        var a = Generate(hours: 2);
        var b = Generate(hours: 2);
        var c = Generate(seed: 8, hours: 2);

        Assert.Equal(AllTrades(a, T0, T0 + (2 * Hour)), AllTrades(b, T0, T0 + (2 * Hour)));
        Assert.Equal(
            a.GetKlines(CandleInterval.Parse("3m"), T0, null, 40),
            b.GetKlines(CandleInterval.Parse("3m"), T0, null, 40)
        );
        Assert.NotEqual(a.LastPrice, c.LastPrice);
    }

    [Fact]
    public void Trade_ids_are_consecutive_times_never_go_back_and_values_sit_on_the_grids()
    {
        var market = Generate(hours: 2);
        var trades = AllTrades(market, T0, T0 + (2 * Hour));

        Assert.True(trades.Count > 10_000, $"only {trades.Count} trades in 2 h");
        for (var i = 1; i < trades.Count; i++)
        {
            Assert.Equal(trades[i - 1].Id + 1, trades[i].Id);
            Assert.True(trades[i].Time >= trades[i - 1].Time);
            Assert.Equal(trades[i - 1].LastTradeId + 1, trades[i].FirstTradeId);
        }

        Assert.All(trades, t =>
            Assert.True(t.Price > 0 && t.Price % 0.01m == 0 && t.Quantity > 0 && t.Quantity % 0.00001m == 0)
        );
        Assert.Equal(trades[^1].Id, market.LastTradeId);
    }

    [Fact]
    public void Sizes_are_mostly_small_with_occasional_whales_and_both_sides_aggress()
    {
        var trades = AllTrades(Generate(hours: 6), T0, T0 + (6 * Hour));
        var sizes = trades.Select(t => t.Quantity).Order().ToList();

        Assert.True(sizes[sizes.Count / 2] < 0.05m, $"median {sizes[sizes.Count / 2]} BTC");
        Assert.InRange(trades.Count(t => t.Quantity > 10m), 10, trades.Count / 100);
        Assert.InRange(trades.Count(t => t.IsBuyerMaker), trades.Count / 3, trades.Count * 2 / 3);
    }

    [Fact]
    public void Every_timeframe_is_aggregated_from_the_same_tape()
    {
        var market = Generate(hours: 3);
        var m3 = market.GetKlines(CandleInterval.Parse("3m"), T0, null, 1000);
        var m15 = market.GetKlines(CandleInterval.Parse("15m"), T0, null, 1000);
        var h1 = market.GetKlines(CandleInterval.Parse("1h"), T0, null, 1000);
        var trades = AllTrades(market, T0, T0 + (3 * Hour));

        Assert.Equal(61, m3.Count); // 60 closed + the open one at the end
        foreach (var candle in m15.SkipLast(1))
        {
            var parts = m3.Where(c => c.OpenTime >= candle.OpenTime && c.CloseTime <= candle.CloseTime).ToList();
            Assert.Equal(5, parts.Count);
            Assert.Equal(Aggregate(candle, parts), candle);
        }

        foreach (var candle in h1.SkipLast(1))
        {
            Assert.Equal(
                Aggregate(candle, m15.Where(c => c.OpenTime >= candle.OpenTime && c.CloseTime <= candle.CloseTime)),
                candle
            );
            var inside = trades.Where(t => t.Time >= candle.OpenTime && t.Time <= candle.CloseTime).ToList();
            Assert.Equal(inside[0].Price, candle.Open);
            Assert.Equal(inside.Max(t => t.Price), candle.High);
            Assert.Equal(inside.Min(t => t.Price), candle.Low);
            Assert.Equal(inside[^1].Price, candle.Close);
            Assert.Equal(inside.Sum(t => t.Quantity), candle.Volume);
            Assert.Equal(inside.Sum(t => t.LastTradeId - t.FirstTradeId + 1), candle.TradeCount);
            Assert.Equal((inside[0].FirstTradeId, inside[^1].LastTradeId), (candle.FirstTradeId, candle.LastTradeId));
        }
    }

    [Fact]
    public void The_past_is_the_same_whenever_the_market_started_and_however_it_was_stepped()
    {
        var full = Generate(hours: 6);
        var late = new SymbolMarket(Instrument.For("BTCUSDT"), 7, 3, T0 + (2 * Hour) + 789_123, TimeSpan.FromDays(1));
        for (var t = T0 + (2 * Hour) + 789_123; t <= T0 + (6 * Hour); t += 61_007)
        {
            late.AdvanceTo(t); // small uneven steps, as a slow or fast clock makes them
        }

        late.AdvanceTo(T0 + (6 * Hour));
        var from = T0 + (3 * Hour);
        var to = T0 + (6 * Hour);

        Assert.Equal(AllTrades(full, from, to), AllTrades(late, from, to));
        foreach (var interval in new[] { "1m", "3m", "15m", "1h" })
        {
            var i = CandleInterval.Parse(interval);
            Assert.Equal(full.GetKlines(i, from, to - 1, 1000), late.GetKlines(i, from, to - 1, 1000));
        }

        Assert.Equal(full.LastTradeId, late.LastTradeId);
        Assert.Equal(full.LastPrice, late.LastPrice);
    }

    [Fact]
    public void A_kline_counts_the_raw_trades_it_spans_and_aggregate_trades_tile_the_raw_ids()
    {
        var market = Generate(hours: 2);
        var trades = AllTrades(market, T0, T0 + (2 * Hour));

        foreach (var candle in market.GetKlines(CandleInterval.Parse("3m"), T0, T0 + (2 * Hour) - 1, 1000))
        {
            Assert.Equal(candle.LastTradeId - candle.FirstTradeId + 1, candle.TradeCount);
        }

        Assert.True(trades.Count(t => t.LastTradeId > t.FirstTradeId) > trades.Count / 10, "few multi-fill trades");
        Assert.NotEqual(trades[0].Id, trades[0].FirstTradeId); // trade ids and aggregate ids are counted apart
    }

    [Fact]
    public void A_time_before_the_tape_s_epoch_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SymbolMarket(Instrument.For("BTCUSDT"), 7, 3, 1_000_000_000_000, TimeSpan.FromDays(1))
        );

        Assert.Contains("2020-01-01", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kline_queries_select_by_open_time_like_binance()
    {
        var market = Generate(hours: 2);
        var m3 = CandleInterval.Parse("3m");
        var step = m3.Milliseconds;

        var fromMidCandle = market.GetKlines(m3, T0 + 1, T0 + (10 * step), 1000);
        var newest = market.GetKlines(m3, null, null, 5);
        var upToEnd = market.GetKlines(m3, null, T0 + (10 * step) + 5, 3);

        Assert.Equal(T0 + step, fromMidCandle[0].OpenTime);
        Assert.Equal(T0 + (10 * step), fromMidCandle[^1].OpenTime);
        Assert.Equal(5, newest.Count);
        Assert.Equal(T0 + (2 * Hour), newest[^1].OpenTime);
        Assert.Equal([T0 + (8 * step), T0 + (9 * step), T0 + (10 * step)], upToEnd.Select(c => c.OpenTime));
        Assert.All(newest.Zip(newest.Skip(1)), p => Assert.Equal(p.First.OpenTime + step, p.Second.OpenTime));
    }

    [Fact]
    public void Depth_snapshots_straddle_the_last_price_and_are_sorted()
    {
        var market = Generate(hours: 1);
        var first = market.GetOrderBook(20);
        var second = market.GetOrderBook(20);

        Assert.Equal(20, first.Bids.Count);
        Assert.Equal(20, first.Asks.Count);
        Assert.True(second.LastUpdateId > first.LastUpdateId);
        Assert.Equal(first.Bids[0].Price + 0.01m, first.Asks[0].Price);
        Assert.InRange(market.LastPrice, first.Bids[0].Price - 0.05m, first.Asks[0].Price + 0.05m);
        Assert.Equal(first.Bids.Select(l => l.Price).OrderDescending(), first.Bids.Select(l => l.Price));
        Assert.Equal(first.Asks.Select(l => l.Price).Order(), first.Asks.Select(l => l.Price));
    }

    [Fact]
    public void The_clock_runs_speed_times_faster_than_real_time()
    {
        var real = Clocks.In2030();
        var clock = new SimulatedClock(real, TestExchange.Start, 60);

        real.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TestExchange.Start.AddMinutes(3), clock.Now);
    }

    private static Candle Aggregate(Candle whole, IEnumerable<Candle> parts) =>
        parts.Aggregate(Candle.Empty(whole.OpenTime, whole.CloseTime - whole.OpenTime + 1, whole.Open), (acc, part) =>
            acc.Absorb(part)
        );
}
