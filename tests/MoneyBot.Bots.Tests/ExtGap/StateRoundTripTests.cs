using MoneyBot.ExtGap.Cli;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Engine;
using MoneyBot.ExtGap.Records;
using MoneyBot.ExtGap.Replay;
using MoneyBot.ExtGap.State;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Saving and restoring the state mid-stream gives the same records as an uninterrupted run.</summary>
public sealed class StateRoundTripTests
{
    private static readonly Candle[] Walk = Fixtures.RandomWalk(seed: 42, count: 4000);
    private static readonly TradingSettings NextOpen = TradingSettings.Default with
    {
        EntryRule = EntryRule.NextOpen,
        MaxHold = TimeSpan.FromHours(2),
    };

    /// <summary>Runs candles through an engine into the two files; returns the state to save.</summary>
    private static BotState Run(string dir, IEnumerable<Candle> candles, BotState? state)
    {
        var engine = new ExtGapEngine("BTCUSDT", Bars.ThreeMinutes, NextOpen, state);
        var clock = new CandleClock();
        using var gaps = GapRecordWriter.Open(Path.Combine(dir, "gaps.csv"), "BTCUSDT", clock, state?.LastGapWritten);
        using var trades = TradeRecordWriter.Open(Path.Combine(dir, "trades.csv"), state?.LastTradeWritten);
        foreach (var candle in candles)
        {
            clock.Set(candle.CloseTime);
            var outcome = engine.Process(candle);
            if (outcome.Gap is { } gap)
            {
                gaps.Write(gap);
            }

            foreach (var closed in outcome.Events.OfType<PositionClosed>())
            {
                trades.Write(closed.Trade);
            }
        }

        return engine.Snapshot() with
        {
            LastGapWritten = gaps.LastWritten,
            LastTradeWritten = trades.LastWritten,
        };
    }

    [Fact]
    public void Restoring_a_saved_state_mid_stream_gives_the_same_rows_as_one_uninterrupted_run()
    {
        // Arrange: split where a next-open entry is pending, so the pending entry must survive too.
        using var whole = new TempDirectory();
        using var split = new TempDirectory();
        var cut = FirstCutWithPendingEntry(after: 1500);
        var store = new BotStateStore(split.File("state.json"));

        // Act: the restart re-reads the last 100 candles (a backfill overlap) before going on.
        Run(whole.Path, Walk, null);
        store.Save(Run(split.Path, Walk[..cut], null));
        var restored = store.Load();
        Run(split.Path, Walk[(cut - 100)..], restored);

        // Assert
        Assert.NotNull(restored!.Trader.PendingEntry);
        Assert.True(Fixtures.Rows(whole.File("trades.csv")).Count > 20);
        Assert.Equal(File.ReadAllText(whole.File("gaps.csv")), File.ReadAllText(split.File("gaps.csv")));
        Assert.Equal(File.ReadAllText(whole.File("trades.csv")), File.ReadAllText(split.File("trades.csv")));
    }

    private static int FirstCutWithPendingEntry(int after)
    {
        var probe = new ExtGapEngine("BTCUSDT", Bars.ThreeMinutes, NextOpen);
        for (var i = 0; i < Walk.Length; i++)
        {
            probe.Process(Walk[i]);
            if (i > after && probe.Trader.PendingEntry is not null)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException("the walk has no pending entry after the given index");
    }

    [Fact]
    public void A_restored_detector_holds_the_same_state_as_the_saved_one()
    {
        // Arrange
        using var dir = new TempDirectory();
        var engine = new ExtGapEngine("BTCUSDT", Bars.ThreeMinutes, TradingSettings.Default);
        foreach (var candle in Walk[..777])
        {
            engine.Process(candle);
        }

        var store = new BotStateStore(dir.File("state.json"));

        // Act
        store.Save(engine.Snapshot());
        var restored = new ExtGapEngine("BTCUSDT", Bars.ThreeMinutes, TradingSettings.Default, store.Load());

        // Assert
        Assert.Equal(engine.Detector.Snapshot().Group, restored.Detector.Snapshot().Group);
        GroupBar[] none = [];
        Assert.Equal(
            engine.Detector.Snapshot() with
            {
                Group = none,
            },
            restored.Detector.Snapshot() with
            {
                Group = none,
            }
        );
        Assert.Equal(engine.Trader.Snapshot(), restored.Trader.Snapshot());
        Assert.False(File.Exists(dir.File("state.json.tmp")));
    }

    [Fact]
    public void A_corrupt_state_file_is_a_clear_error()
    {
        // Arrange
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("state.json"), "{\"Version\": 1, \"Symbol\": ");

        // Act
        var ex = Assert.Throws<BotStateException>(() => new BotStateStore(dir.File("state.json")).Load());

        // Assert
        Assert.Contains($"state file {dir.File("state.json")} is corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("move it aside", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_for_another_symbol_is_refused()
    {
        // Arrange
        var state = new ExtGapEngine("ETHUSDT", Bars.ThreeMinutes, TradingSettings.Default).Snapshot();

        // Act
        var ex = Assert.Throws<BotStateException>(() =>
            new ExtGapEngine("BTCUSDT", Bars.ThreeMinutes, TradingSettings.Default, state)
        );

        // Assert
        Assert.Contains("for ETHUSDT 3m, not BTCUSDT 3m", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_replay_verb_resumes_from_its_state_file_without_duplicating_rows()
    {
        // Arrange
        using var whole = new TempDirectory();
        using var split = new TempDirectory();
        Fixtures.WriteCandles(whole.File("all.csv"), Walk);
        Fixtures.WriteCandles(split.File("first.csv"), Walk[..2222]);
        string[] Args(TempDirectory d, string candles, params string[] more) =>
            [
                "replay",
                "--candles",
                candles,
                "--timeframe",
                "3m",
                "--gaps-out",
                d.File("gaps.csv"),
                "--trades-out",
                d.File("trades.csv"),
                .. more,
            ];

        // Act
        var codes = new[]
        {
            await ExtGapCli.RunAsync(Args(whole, whole.File("all.csv")), TextWriter.Null, TextWriter.Null),
            await ExtGapCli.RunAsync(
                Args(split, split.File("first.csv"), "--state", split.File("s.json")),
                TextWriter.Null,
                TextWriter.Null
            ),
            await ExtGapCli.RunAsync(
                Args(split, whole.File("all.csv"), "--state", split.File("s.json")),
                TextWriter.Null,
                TextWriter.Null
            ),
        };

        // Assert
        Assert.All(codes, c => Assert.Equal(ExitCodes.Success, c));
        Assert.Equal(File.ReadAllText(whole.File("gaps.csv")), File.ReadAllText(split.File("gaps.csv")));
        Assert.Equal(File.ReadAllText(whole.File("trades.csv")), File.ReadAllText(split.File("trades.csv")));
    }
}
