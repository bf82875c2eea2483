using System.Globalization;
using System.Text;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.ExchangeSim.Cli;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>
/// A recorded day (Binance's aggTrades data dump format) served instead of the generated tape. The recordings are
/// made here, from the simulator's own generated trades, in each of the dump's spellings.
/// </summary>
public sealed class RecordedTapeTests : IDisposable
{
    private const long Hour = 3_600_000;
    private static readonly long T0 = TestExchange.Start.ToUnixTimeMilliseconds();
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_recording_is_served_as_recorded_and_its_candles_are_made_from_it(bool header, bool microseconds)
    {
        var (original, trades) = Generated(hours: 2);
        var path = Write(trades, header, microseconds);

        var recording = RecordedTape.Load(path, Instrument.For("BTCUSDT"));
        var market = new SymbolMarket(
            Instrument.For("BTCUSDT"),
            recording,
            7,
            recording.FirstTime,
            TimeSpan.FromDays(1)
        );
        market.AdvanceTo(T0 + (2 * Hour));

        Assert.Equal(
            (trades[0].Time, trades[^1].Time, trades.Count),
            (recording.FirstTime, recording.LastTime, (int)recording.Trades)
        );
        Assert.Equal(trades, market.GetAggTrades(trades[0].Id, null, null, int.MaxValue));
        var from = CandleInterval.Parse("3m").FirstOpenAtOrAfter(trades[0].Time + 60_000);
        foreach (var interval in new[] { "1m", "3m", "15m" })
        {
            var i = CandleInterval.Parse(interval);
            Assert.Equal(
                original.GetKlines(i, from, T0 + (2 * Hour) - 1, 1000),
                market.GetKlines(i, from, T0 + (2 * Hour) - 1, 1000)
            );
        }
    }

    [Fact]
    public void A_market_that_starts_inside_the_recording_serves_its_past_and_plays_the_rest()
    {
        var (_, trades) = Generated(hours: 2);
        var recording = RecordedTape.Load(Write(trades), Instrument.For("BTCUSDT"));
        var middle = T0 + Hour;

        var market = new SymbolMarket(Instrument.For("BTCUSDT"), recording, 7, middle, TimeSpan.FromDays(1));
        market.AdvanceTo(middle + (10 * 60_000));

        var served = market.GetAggTrades(null, middle, middle + (10 * 60_000), int.MaxValue);
        Assert.Equal(trades.Where(t => t.Time >= middle && t.Time <= middle + (10 * 60_000)), served);
        Assert.Equal(middle, market.HistoryStart);
        Assert.Empty(market.GetAggTrades(null, T0, middle - 1, int.MaxValue));
    }

    [Theory]
    [InlineData(0, "3000000000,65000.00,0.01000,5000000000,5000000000,1709254800000", "6 fields; expected")]
    [InlineData(
        0,
        "3000000000,65000.001,0.01000,5000000000,5000000000,1709254800000,true",
        "price 65000.001 is not on the BTCUSDT grid of 0.01"
    )]
    [InlineData(
        0,
        "3000000000,65000.00,lots,5000000000,5000000000,1709254800000,true",
        "quantity 'lots' is not a number"
    )]
    [InlineData(
        0,
        "3000000000,65000.00,0.01000,5000000000,5000000000,1709254800000,yes",
        "is_buyer_maker 'yes' is not true or false"
    )]
    [InlineData(
        1,
        "3000000002,65000.00,0.01000,5000000009,5000000009,1709254800000,true",
        "agg_trade_id 3000000002 follows 3000000000"
    )]
    [InlineData(
        1,
        "3000000001,65000.00,0.01000,5000000000,5000000000,1709254800000,true",
        "first_trade_id 5000000000 is not after"
    )]
    [InlineData(
        1,
        "3000000001,65000.00,0.01000,5000000001,5000000001,1709254799999,true",
        "is before the previous row's"
    )]
    [InlineData(1, "3000000001,0,0.01000,5000000001,5000000001,1709254800000,true", "price 0 is not above 0")]
    [InlineData(
        0,
        "3000000000,65000.00,0.00002,5000000000,5000000002,1709254800000,true",
        "quantity 0.00002 cannot be split over 3 raw trades"
    )]
    [InlineData(0, "-3000000000,65000.00,0.01000,5000000000,5000000000,1709254800000,true", "agg_trade_id")]
    [InlineData(
        0,
        "3000000000,99999999999999999999999.00,0.01000,5000000000,5000000000,1709254800000,true",
        "is too large"
    )]
    public void A_bad_row_is_refused_with_the_file_and_line(int after, string row, string reason)
    {
        var lines = new List<string>
        {
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
        };
        if (after == 1)
        {
            lines.Add("3000000000,65000.00,0.01000,5000000000,5000000000,1709254800000,false");
        }

        lines.Add(row);
        var path = Path.Combine(_dir.Path, "BTCUSDT-aggTrades-2024-03-01.csv");
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<FormatException>(() => RecordedTape.Load(path, Instrument.For("BTCUSDT")));

        Assert.StartsWith($"{path}:{lines.Count}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_recording_is_refused()
    {
        var path = Path.Combine(_dir.Path, "empty.csv");
        File.WriteAllText(
            path,
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
        );

        var e = Assert.Throws<FormatException>(() => RecordedTape.Load(path, Instrument.For("BTCUSDT")));
        Assert.Contains("no trade recorded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_takes_the_symbol_from_the_file_name_and_one_hour_of_history()
    {
        var path = Path.Combine(_dir.Path, "ETHUSDT-aggTrades-2024-03-01.csv");
        File.WriteAllText(path, "x");

        Assert.True(CommandLine.TryParse(["--tape", path], out var options, out var error), error);
        Assert.Equal(["ETHUSDT"], options!.Symbols);
        Assert.Equal(TimeSpan.FromHours(1), options.History);
        Assert.False(CommandLine.TryParse(["--tape", path, "--symbols", "BTCUSDT,ETHUSDT"], out _, out var two));
        Assert.Contains("--tape replays one symbol", two, StringComparison.Ordinal);
        Assert.False(
            CommandLine.TryParse(
                ["--tape", Path.Combine(_dir.Path, "nothing.csv"), "--symbols", "BTCUSDT"],
                out _,
                out var missing
            )
        );
        Assert.Contains("does not exist", missing, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_exchange_serves_a_recording_over_rest_from_its_first_minute_plus_the_history()
    {
        var (_, trades) = Generated(hours: 3);
        var path = Write(trades);
        var clock = Clocks.In2030();
        await using var exchange = await TestExchange.StartAsync(clock, o =>
            o with
            {
                Start = null,
                TapeFile = path,
                Symbols = ["BTCUSDT"],
                History = TimeSpan.FromMinutes(30),
            }
        );
        using var http = exchange.Http();

        await exchange.AdvanceAsync(clock, 20); // two minutes of market time
        var first = trades[0].Time - (trades[0].Time % 60_000);
        var served = await http.GetStringAsync(
            new Uri(
                $"api/v3/aggTrades?symbol=BTCUSDT&startTime={first}&endTime={first + 600_000}&limit=1000",
                UriKind.Relative
            )
        );

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(first + (30 * 60_000)), exchange.Markets.Clock.Start);
        Assert.Contains($"\"a\":{trades[0].Id},", served, StringComparison.Ordinal);
        Assert.Equal(
            trades.Last(t => t.Time <= exchange.Markets["BTCUSDT"].ProcessedUntil).Id,
            exchange.Markets["BTCUSDT"].LastTradeId
        );
    }

    private static (SymbolMarket Market, List<AggTrade> Trades) Generated(int hours)
    {
        var market = new SymbolMarket(Instrument.For("BTCUSDT"), 7, 3, T0, TimeSpan.FromDays(1));
        market.AdvanceTo(T0 + (hours * Hour));
        var trades = new List<AggTrade>();
        for (var start = T0; start < T0 + (hours * Hour); start += Hour)
        {
            trades.AddRange(market.GetAggTrades(null, start, start + Hour - 1, int.MaxValue));
        }

        return (market, trades);
    }

    /// <summary>Writes trades as Binance's dumps do (spot: with is_best_match; times in ms or µs).</summary>
    private string Write(IReadOnlyList<AggTrade> trades, bool header = true, bool microseconds = false)
    {
        var text = new StringBuilder();
        if (header)
        {
            text.Append("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n");
        }

        foreach (var t in trades)
        {
            text.Append(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{t.Id},{t.Price:0.00######},{t.Quantity:0.00000###},{t.FirstTradeId},{t.LastTradeId},"
                            + $"{(microseconds ? t.Time * 1000 : t.Time)},{(t.IsBuyerMaker ? "True" : "False")}"
                    )
                )
                .Append(header ? "\n" : ",True\n");
        }

        var path = Path.Combine(_dir.Path, $"BTCUSDT-aggTrades-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
