using System.Globalization;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Live;
using MoneyBot.MarketData.Models;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// The real simulator restarted without its clock file: its market is behind the real bot's saved state. The bot
/// says so instead of looking healthy, and goes on normally once the market catches up.
/// </summary>
public sealed class MarketBehindProcessTests
{
    private static readonly DateTimeOffset MarketStart = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A state whose last candle opened at <paramref name="last"/> (three candles processed).</summary>
    private static void SaveStateEndingAt(TempDirectory dir, DateTimeOffset last)
    {
        var options = new LiveOptions
        {
            Symbol = "BTCUSDT",
            Timeframe = Timeframe.Parse("1m"),
            GapsPath = dir.File("gaps.csv"),
            TradesPath = dir.File("trades.csv"),
            StatePath = dir.File("state.json"),
        };
        using var pipeline = CandlePipeline.Open(options, TimeProvider.System);
        for (var open = last.AddMinutes(-2); open <= last; open = open.AddMinutes(1))
        {
            pipeline.Process(
                new Kline
                {
                    Symbol = "BTCUSDT",
                    Interval = "1m",
                    OpenTime = open,
                    CloseTime = open.AddMinutes(1).AddMilliseconds(-1),
                    Open = 100,
                    High = 101,
                    Low = 99,
                    Close = 100,
                    IsClosed = true,
                }
            );
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task A_market_behind_the_state_gets_no_READY_or_WATCHDOG_and_a_status_saying_so_until_it_catches_up()
    {
        // Arrange: the simulator starts at 00:00 market time (two 1m candles a second); the bot's state ends with
        // the candle of 00:10, ten minutes ahead of the market.
        using var dir = new TempDirectory();
        SaveStateEndingAt(dir, MarketStart.AddMinutes(10));
        await using var exchange = RunningChild.Start(
            BotExecutables.ExchangeSim,
            [
                "--urls",
                "http://127.0.0.1:0",
                "--speed",
                "120",
                "--symbols",
                "BTCUSDT",
                "--history",
                "2h",
                "--start",
                MarketStart.ToString("O", CultureInfo.InvariantCulture),
            ],
            new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null },
            captureStdout: true
        );
        var listening = await exchange.Output.WaitForAsync(l =>
            l.StartsWith("exchange-sim listening on ", StringComparison.Ordinal)
        );
        var baseUrl = listening.Split(' ')[3];
        using var notify = new NotifyListener();

        // Act
        await using var bot = RunningChild.Start(
            BotExecutables.ExtGap,
            [
                "run",
                "--timeframe",
                "1m",
                "--symbol",
                "BTCUSDT",
                "--rest-url",
                baseUrl,
                "--ws-url",
                baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "fapi",
                "--gaps-out",
                dir.File("gaps.csv"),
                "--trades-out",
                dir.File("trades.csv"),
                "--state",
                dir.File("state.json"),
                "--stats-interval",
                "0",
            ],
            new Dictionary<string, string?>
            {
                ["NOTIFY_SOCKET"] = notify.Path,
                ["WATCHDOG_USEC"] = "1500000",
                ["TELEGRAM_BOT_TOKEN"] = null,
            }
        );

        // Assert: while behind, the status says by how much (and changes as the market moves: time passes, at
        // least two ping intervals of 0.5 s), and no READY=1 or WATCHDOG=1 goes out.
        var behindStatuses = await notify.Datagrams.WaitUntilAsync(
            list =>
                list.Select(d => d.Status)
                    .Where(s => s?.Contains("market is behind my state by", StringComparison.Ordinal) == true)
                    .Distinct()
                    .Count() >= 4,
            TimeSpan.FromSeconds(30)
        );
        var firstBehind = behindStatuses.First(d =>
            d.Status?.Contains("market is behind my state by", StringComparison.Ordinal) == true
        );
        Assert.Matches(@"market is behind my state by \d+m\d\ds$", firstBehind.Status!);
        var marked = await notify.MarkAsync("still behind");
        var whileBehind = notify.Datagrams.Items.Take(marked).ToList();
        Assert.DoesNotContain(whileBehind, d => d.Has("READY=1") || d.Has("WATCHDOG=1"));
        var logged = await bot.Output.WaitForAsync(l =>
            l.Contains("the market is behind my state by", StringComparison.Ordinal)
        );
        Assert.Contains("2025-06-01T00:10:00.0000000+00:00", logged, StringComparison.Ordinal);

        // Assert: once the market passes 00:10 the bot goes on: one log line, READY=1, WATCHDOG=1, a normal status.
        await bot.Output.WaitForAsync(l => l.Contains("the market caught up with my state", StringComparison.Ordinal));
        await notify.Datagrams.WaitForAsync(d => d.Has("READY=1"));
        await notify.Datagrams.WaitForAsync(d => d.Has("WATCHDOG=1"));
        await notify.Datagrams.WaitForAsync(d =>
            d.Status?.Contains("last candle 2025-06-01 00:11Z", StringComparison.Ordinal) == true
            && !d.Status.Contains("behind", StringComparison.Ordinal)
        );
        Assert.Single(bot.Output.Items, l => l.Contains("the market is behind my state", StringComparison.Ordinal));
        await bot.SignalAsync("TERM");
        Assert.Equal(0, await bot.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }
}
