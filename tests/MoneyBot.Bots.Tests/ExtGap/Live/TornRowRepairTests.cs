using System.Text;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExtGap.Cli;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Live;
using MoneyBot.MarketData.Models;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// A crash (or a full disk) at any byte of the last row: the live bot's start repairs the CSV files so that they are
/// byte for byte what they were before the cut, in agreement with the state.
/// </summary>
public sealed class TornRowRepairTests
{
    /// <summary>The eight candles of docs/extgap.md 6.1 and 6.2: the last one makes a gap and closes a trade.</summary>
    private static readonly (long OpenMs, decimal O, decimal H, decimal L, decimal C)[] Candles =
    [
        (1735689600000, 100, 101, 100, 101),
        (1735689780000, 102, 103, 102, 102.5m),
        (1735689960000, 103, 104, 102.8m, 103),
        (1735690140000, 103, 103.5m, 102.6m, 103),
        (1735690320000, 102.5m, 102.5m, 101.9m, 102),
        (1735690500000, 102.53m, 102.55m, 102.52m, 102.54m),
        (1735690680000, 102.54m, 102.6m, 102.4m, 102.5m),
        (1735690860000, 102.7m, 103.1m, 102.7m, 103.02m),
    ];

    private static LiveOptions Options(TempDirectory dir) =>
        new()
        {
            Symbol = "BTCUSDT",
            Timeframe = Timeframe.Parse("3m"),
            GapsPath = dir.File("gaps.csv"),
            TradesPath = dir.File("trades.csv"),
            StatePath = dir.File("state.json"),
        };

    private static Kline KlineOf((long OpenMs, decimal O, decimal H, decimal L, decimal C) c)
    {
        var open = DateTimeOffset.FromUnixTimeMilliseconds(c.OpenMs);
        return new Kline
        {
            Symbol = "BTCUSDT",
            Interval = "3m",
            OpenTime = open,
            CloseTime = open.AddMinutes(3).AddMilliseconds(-1),
            Open = c.O,
            High = c.H,
            Low = c.L,
            Close = c.C,
            IsClosed = true,
        };
    }

    /// <summary>Runs the candles through the live pipeline (wall clock at each candle's close time).</summary>
    private static void RunCandles(LiveOptions options, TestClock clock)
    {
        using var pipeline = CandlePipeline.Open(options, clock);
        foreach (var candle in Candles)
        {
            var kline = KlineOf(candle);
            clock.SetUtcNow(kline.CloseTime.AddMilliseconds(7));
            pipeline.Process(kline);
        }
    }

    [Theory]
    [InlineData("gaps.csv", false)]
    [InlineData("trades.csv", true)]
    public void A_file_cut_at_any_byte_of_its_last_row_is_repaired_to_the_uncut_bytes_at_start(
        string name,
        bool fromTheFirstByte
    )
    {
        // Arrange: the live pipeline writes both files and saves the state; then the wall clock moves on, so a row
        // made again now would differ in detected_at_utc.
        using var dir = new TempDirectory();
        var options = Options(dir);
        var clock = new TestClock(DateTimeOffset.FromUnixTimeMilliseconds(Candles[0].OpenMs));
        RunCandles(options, clock);
        clock.Advance(TimeSpan.FromHours(5));
        var path = dir.File(name);
        var whole = File.ReadAllBytes(path);
        var other = name == "gaps.csv" ? dir.File("trades.csv") : dir.File("gaps.csv");
        var otherWhole = File.ReadAllBytes(other);
        var state = File.ReadAllBytes(options.StatePath);
        var lastRowStart = Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2) + 1;
        Assert.True(lastRowStart > 0);

        // Act and Assert: every cut from the start of the last row (the trades file: from its first byte, through
        // its header, which leaves an empty file, a cut header or a lone header) to just before its final LF.
        for (var cut = fromTheFirstByte ? 0 : lastRowStart; cut < whole.Length; cut++)
        {
            File.WriteAllBytes(path, whole[..cut]);
            var log = new CapturingLogger();
            using (CandlePipeline.Open(options, clock, log)) { }

            var repaired = File.ReadAllBytes(path);
            Assert.True(
                repaired.AsSpan().SequenceEqual(whole),
                $"cut at {cut} of {whole.Length}: got\n{Encoding.UTF8.GetString(repaired)}"
            );
            Assert.Equal(otherWhole, File.ReadAllBytes(other));
            Assert.Equal(state, File.ReadAllBytes(options.StatePath));
            var dropped = cut - (Array.LastIndexOf(whole, (byte)'\n', Math.Max(0, cut - 1)) + 1);
            if (dropped > 0)
            {
                Assert.Contains(log.Lines, l =>
                    l.Contains($"{path}: dropped the last {dropped} bytes", StringComparison.Ordinal)
                );
            }

            Assert.Contains(log.Lines, l => l.Contains($"{path}: wrote again the row for", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_cut_row_the_state_does_not_count_yet_is_dropped_and_made_again_by_the_candle()
    {
        // Arrange: the last candle's rows were cut while being written, before the state was saved: the state is
        // the one of the candle before.
        using var dir = new TempDirectory();
        var options = Options(dir);
        var clock = new TestClock(DateTimeOffset.FromUnixTimeMilliseconds(Candles[0].OpenMs));
        RunCandles(options, clock);
        var wholeGaps = File.ReadAllBytes(options.GapsPath);
        using (var before = new TempDirectory())
        {
            var earlier = Options(before);
            var earlierClock = new TestClock(DateTimeOffset.FromUnixTimeMilliseconds(Candles[0].OpenMs));
            using (var pipeline = CandlePipeline.Open(earlier, earlierClock))
            {
                foreach (var candle in Candles[..^1])
                {
                    var kline = KlineOf(candle);
                    earlierClock.SetUtcNow(kline.CloseTime.AddMilliseconds(7));
                    pipeline.Process(kline);
                }
            }

            File.Copy(earlier.StatePath, options.StatePath, overwrite: true);
        }

        File.WriteAllBytes(options.GapsPath, wholeGaps[..^20]);
        var fragment = wholeGaps.Length - 20 - (Array.LastIndexOf(wholeGaps, (byte)'\n', wholeGaps.Length - 21) + 1);
        File.WriteAllText(
            options.TradesPath,
            string.Join(',', MoneyBot.ExtGap.Records.TradeRecordWriter.Columns) + "\n"
        );
        var log = new CapturingLogger();
        var again = new TestClock(DateTimeOffset.FromUnixTimeMilliseconds(Candles[0].OpenMs));

        // Act: the restart processes the last candle again, at the same wall-clock time as the first time.
        using (var pipeline = CandlePipeline.Open(options, again, log))
        {
            var kline = KlineOf(Candles[^1]);
            again.SetUtcNow(kline.CloseTime.AddMilliseconds(7));
            pipeline.Process(kline);
        }

        // Assert: the candle wrote its rows again, once, after the cut was dropped.
        Assert.Equal(wholeGaps, File.ReadAllBytes(options.GapsPath));
        Assert.Equal(2, File.ReadAllLines(options.TradesPath).Length);
        Assert.DoesNotContain(log.Lines, l => l.Contains("wrote again", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains($"dropped the last {fragment} bytes", StringComparison.Ordinal));
    }

    [Fact(Timeout = 90_000)]
    public async Task The_real_bot_restarted_after_a_cut_row_writes_that_row_again_before_going_on()
    {
        // Arrange: the bot runs on the simulated exchange (a 1m candle a second) until it has written a gap row,
        // then stops; the last gap row is cut in its middle, as a crash while writing it would leave it.
        await using var exchange = await Exchange.StartAsync(speed: 60);
        using var dir = new TempDirectory();
        string[] arguments =
        [
            "run",
            "--timeframe",
            "1m",
            "--symbol",
            "BTCUSDT",
            "--rest-url",
            exchange.BaseUrl.ToString(),
            "--ws-url",
            exchange.FuturesWebSocketUrl.ToString(),
            "--gaps-out",
            dir.File("gaps.csv"),
            "--trades-out",
            dir.File("trades.csv"),
            "--state",
            dir.File("state.json"),
            "--stats-interval",
            "0",
        ];
        var environment = new Dictionary<string, string?> { ["TELEGRAM_BOT_TOKEN"] = null };
        await using (var first = RunningChild.Start(BotExecutables.ExtGap, arguments, environment))
        {
            await first.Output.WaitForAsync(l => l.Contains(" gap at ", StringComparison.Ordinal));
            await first.SignalAsync("TERM");
            Assert.Equal(ExitCodes.Success, await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        var whole = File.ReadAllBytes(dir.File("gaps.csv"));
        var lastRowStart = Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2) + 1;
        var cut = lastRowStart + ((whole.Length - lastRowStart) / 2);
        File.WriteAllBytes(dir.File("gaps.csv"), whole[..cut]);

        // Act
        await using var second = RunningChild.Start(BotExecutables.ExtGap, arguments, environment);
        var dropped = await second.Output.WaitForAsync(l => l.Contains("dropped the last", StringComparison.Ordinal));
        var restored = await second.Output.WaitForAsync(l =>
            l.Contains("wrote again the row", StringComparison.Ordinal)
        );
        await second.Output.WaitForAsync(l => l.Contains("resuming from the saved state", StringComparison.Ordinal));
        await second.SignalAsync("TERM");
        Assert.Equal(ExitCodes.Success, await second.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        // Assert: the file is the uncut one, plus whatever the second run found after it.
        Assert.Contains(
            $"{dir.File("gaps.csv")}: dropped the last {cut - lastRowStart} bytes",
            dropped,
            StringComparison.Ordinal
        );
        Assert.Contains(dir.File("gaps.csv"), restored, StringComparison.Ordinal);
        var after = File.ReadAllBytes(dir.File("gaps.csv"));
        Assert.True(after.AsSpan().StartsWith(whole), Encoding.UTF8.GetString(after));
    }
}
