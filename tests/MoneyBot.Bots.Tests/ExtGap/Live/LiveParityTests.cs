using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExtGap.Cli;
using MoneyBot.ExtGap.Detection;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// Live runs, fresh or interrupted and resumed, write what one uninterrupted replay of the same candles writes.
/// </summary>
public sealed class LiveParityTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_live_run_writes_the_same_gaps_and_trades_as_a_replay_of_the_same_candles_fetched_by_REST()
    {
        // Arrange: a 1m candle closes every 100 ms.
        await using var exchange = await Exchange.StartAsync(speed: 600);
        using var dir = new TempDirectory();
        await using var rig = LiveRig.Start(LiveRig.OptionsFor(exchange, dir));

        // Act
        await rig.Candles.WaitUntilAsync(c => c.Count >= 40, TimeSpan.FromSeconds(30));
        var exit = await rig.StopAsync();

        // Assert
        Assert.Equal(ExitCodes.Success, exit);
        var candles = rig.Candles.Items;
        LiveAssert.Contiguous(candles);
        var (gaps, trades) = await ReplayOracle.ReplayAsync(exchange, candles[0].OpenTime, candles[^1].OpenTime, dir);
        Assert.True(LiveAssert.SameGaps(gaps, rig.Options.GapsPath) >= 1, "no gap to compare");
        LiveAssert.SameTrades(trades, rig.Options.TradesPath);
        Assert.Equal(candles[^1].OpenTime, rig.SavedState()!.LastCandleOpenTime);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_stopped_mid_way_and_restarted_later_writes_what_an_uninterrupted_run_writes()
    {
        // Arrange: six hours of history; the bot's files start from a replay of the first two candles.
        await using var exchange = await Exchange.StartAsync(speed: 300, history: TimeSpan.FromHours(6));
        using var dir = new TempDirectory();
        var options = LiveRig.OptionsFor(exchange, dir);
        var origin = Exchange.Interval.OpenTimeOf(exchange.ProcessedUntil) - TimeSpan.FromHours(5);
        var seed = await ReplayOracle.FetchAsync(exchange, origin, origin + TimeSpan.FromMinutes(1));
        Directory.CreateDirectory(Path.GetDirectoryName(options.StatePath)!);
        ReplayOracle.Replay(seed, dir, options.GapsPath, options.TradesPath, options.StatePath);

        // Act: the first run backfills and is stopped after 100 candles, in the middle of the backfill...
        int firstExit;
        IReadOnlyList<Candle> firstRun;
        await using (var first = LiveRig.Start(options, stopAfter: 100))
        {
            firstExit = await first.Run.WaitAsync(TimeSpan.FromSeconds(30));
            firstRun = first.Candles.Items;
            Assert.Equal(firstRun[^1].OpenTime, first.SavedState()!.LastCandleOpenTime);
        }

        // ...the second backfills the rest and follows the stream for a few candles.
        await using var second = LiveRig.Start(options);
        await second.WaitForCandleAfterAsync(
            Exchange.Interval.OpenTimeOf(exchange.ProcessedUntil) + TimeSpan.FromMinutes(3),
            TimeSpan.FromSeconds(30)
        );
        var secondExit = await second.StopAsync();

        // Assert
        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (firstExit, secondExit));
        Assert.Equal(100, firstRun.Count);
        Assert.Equal(origin + TimeSpan.FromMinutes(2), firstRun[0].OpenTime);
        var all = seed.Concat(firstRun).Concat(second.Candles.Items).ToList();
        LiveAssert.Contiguous(all);
        var (gaps, trades) = await ReplayOracle.ReplayAsync(exchange, origin, all[^1].OpenTime, dir);
        Assert.True(LiveAssert.SameGaps(gaps, options.GapsPath) >= 10, "too few gaps to compare");
        Assert.True(LiveAssert.SameTrades(trades, options.TradesPath) >= 1, "no trade to compare");
        Assert.Contains(second.Log.Lines, l => l.Contains("resuming from the saved state", StringComparison.Ordinal));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_simulator_restarted_mid_run_leaves_files_equal_to_a_replay_of_the_restarted_simulator()
    {
        // Arrange: a live run on a simulator that is then killed and restarted on the same port, from the market
        // time it had reached (what --clock-file keeps), at another speed and with another history.
        var first = await Exchange.StartAsync(speed: 600);
        using var dir = new TempDirectory();
        var options = LiveRig.OptionsFor(first, dir);
        await using var rig = LiveRig.Start(options);
        await rig.Candles.WaitUntilAsync(c => c.Count >= 20, TimeSpan.FromSeconds(30));
        var restartAt = first.Now;
        var listen = first.BaseUrl;
        await first.DisposeAsync();
        await using var second = await SimulatedExchangeHost.StartAsync(
            SimulatorOptions.Default with
            {
                ListenUrl = listen,
                Symbols = [Exchange.Symbol],
                Speed = 450,
                Start = restartAt,
                History = TimeSpan.FromHours(5), // another history start than the first one (2 h): it must not matter
                TradesPerSecond = 1,
            }
        );

        // Act: the bot reconnects, backfills from the restarted simulator and follows it.
        await rig.Candles.WaitUntilAsync(c => c.Count >= 60, TimeSpan.FromSeconds(45));
        var exit = await rig.StopAsync();

        // Assert: what the bot wrote before and after the restart is what a replay of the restarted simulator's
        // candles writes: the restart rewrote no part of the past.
        Assert.Equal(ExitCodes.Success, exit);
        var candles = rig.Candles.Items;
        LiveAssert.Contiguous(candles);
        Assert.True(candles[0].OpenTime < restartAt && candles[^1].OpenTime > restartAt, "no candle on each side");
        var (gaps, trades) = await ReplayOracle.ReplayAsync(second, candles[0].OpenTime, candles[^1].OpenTime, dir);
        Assert.True(LiveAssert.SameGaps(gaps, options.GapsPath) >= 1, "no gap to compare");
        LiveAssert.SameTrades(trades, options.TradesPath);
        Assert.Equal(candles, await ReplayOracle.FetchAsync(second, candles[0].OpenTime, candles[^1].OpenTime));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_live_run_on_a_recorded_day_writes_what_a_replay_of_its_candles_writes()
    {
        // Arrange: three hours of trades recorded in Binance's aggTrades dump format, served at 600x.
        using var dir = new TempDirectory();
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var recorded = new MoneyBot.ExchangeSim.Market.SymbolMarket(
            MoneyBot.ExchangeSim.Market.Instrument.For(Exchange.Symbol),
            11,
            1,
            start,
            TimeSpan.FromDays(1)
        );
        recorded.AdvanceTo(start + (3 * 3_600_000));
        var tape = dir.File($"{Exchange.Symbol}-aggTrades-2024-03-01.csv");
        await File.WriteAllLinesAsync(
            tape,
            Enumerable
                .Range(0, 3)
                .SelectMany(h =>
                    recorded.GetAggTrades(null, start + (h * 3_600_000L), start + ((h + 1) * 3_600_000L) - 1, 100_000)
                )
                .Select(t =>
                    string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"{t.Id},{t.Price},{t.Quantity},{t.FirstTradeId},{t.LastTradeId},{t.Time},{t.IsBuyerMaker}"
                    )
                )
        );
        await using var exchange = await SimulatedExchangeHost.StartAsync(
            SimulatorOptions.Default with
            {
                Symbols = [Exchange.Symbol],
                Speed = 600,
                TapeFile = tape,
                History = TimeSpan.FromMinutes(30),
            }
        );
        var options = LiveRig.OptionsFor(exchange, dir);
        await using var rig = LiveRig.Start(options);

        // Act
        await rig.Candles.WaitUntilAsync(c => c.Count >= 40, TimeSpan.FromSeconds(30));
        var exit = await rig.StopAsync();

        // Assert
        Assert.Equal(ExitCodes.Success, exit);
        var candles = rig.Candles.Items;
        LiveAssert.Contiguous(candles);
        var (gaps, trades) = await ReplayOracle.ReplayAsync(exchange, candles[0].OpenTime, candles[^1].OpenTime, dir);
        LiveAssert.SameGaps(gaps, options.GapsPath);
        LiveAssert.SameTrades(trades, options.TradesPath);
        Assert.Equal(candles, await ReplayOracle.FetchAsync(exchange, candles[0].OpenTime, candles[^1].OpenTime));
        Assert.Equal(
            recorded
                .GetKlines(
                    MoneyBot.ExchangeSim.Market.CandleInterval.Parse("1m"),
                    candles[0].OpenTime.ToUnixTimeMilliseconds(),
                    null,
                    3
                )
                .Select(k => k.Close),
            candles.Take(3).Select(c => c.Close)
        );
    }
}
