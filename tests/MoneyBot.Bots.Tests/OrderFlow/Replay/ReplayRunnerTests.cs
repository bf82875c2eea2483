using MoneyBot.Bots.Tests.ExtGap;
using MoneyBot.OrderFlow.Cli;
using MoneyBot.OrderFlow.Flow;
using MoneyBot.OrderFlow.Replay;

namespace MoneyBot.Bots.Tests.OrderFlow.Replay;

/// <summary>
/// <c>orderflow replay</c> (spec section 6). The small tape's figures, worked by hand (B = 2026-01-01T00:00Z):
/// trades 1 BUY 0.5 @ 100000 (B+1 s, 50k: small), 2 SELL 0.2 @ 100001 (B+20 s), 3 BUY 1.0 @ 100002 (B+59.999 s,
/// 100,002: medium),
/// 4 SELL 0.1 @ 100000.5 (B+61 s), 5 SELL 0.3 @ 99999 (B+90 s, wrapped). Trade 4 reaches the B+60 s boundary, so the
/// first line is
/// taken at t = B+59.999 s: delta 30 s = +1.0 (trade 3 only), 60 s = 300 s = 0.5 - 0.2 + 1.0 = 1.3, quote 150,002 -
/// 20,000.2 = 130,001.8,
/// pressure buy 1.0 / sell 0 = infinity. The last line at t = B+90 s: 30 s = -0.1 - 0.3 = -0.4; 60 s (B+30 s, B+90 s] =
/// 1.0 - 0.4 = 0.6;
/// 300 s = 0.9; sells 0.6; pressure 0 / 0.4 = 0, SELL; quote 150,002 - 59,999.95 = 90,002.05.
/// </summary>
public sealed class ReplayRunnerTests
{
    [Fact]
    public void The_small_tape_gives_the_hand_computed_lines_byte_for_byte()
    {
        // Arrange
        using var dir = new TempDirectory();
        var output = dir.File("metrics.jsonl");

        // Act
        var summary = new ReplayRunner(
            new ReplayOptions(
                ReplayFixture.PathOf("small_tape.jsonl"),
                output,
                TimeSpan.FromSeconds(60),
                FlowSettings.Default
            )
        ).Run();

        // Assert
        Assert.Equal(File.ReadAllText(ReplayFixture.PathOf("small_tape.expected.jsonl")), File.ReadAllText(output));
        Assert.Equal(
            (8L, 5L, 1L, 2L, 2L),
            (summary.Lines, summary.Trades, summary.BookUpdates, summary.Ignored, summary.LinesWritten)
        );
        Assert.Equal(["BTCUSDT"], summary.Symbols);
    }

    [Fact]
    public void A_bad_line_stops_the_replay_naming_file_and_line_and_keeps_the_lines_already_written()
    {
        // Arrange: the small tape, then a trade without a price two minutes later.
        using var dir = new TempDirectory();
        var input = dir.File("tape.jsonl");
        File.WriteAllText(
            input,
            File.ReadAllText(ReplayFixture.PathOf("small_tape.jsonl"))
                + "{\"e\":\"aggTrade\",\"E\":1767225900000,\"s\":\"BTCUSDT\",\"a\":6,\"q\":\"1\","
                + "\"T\":1767225900000,\"m\":true}\n"
        );
        var output = dir.File("metrics.jsonl");
        var runner = new ReplayRunner(new ReplayOptions(input, output, TimeSpan.FromSeconds(60), FlowSettings.Default));

        // Act
        var error = Assert.Throws<ReplayInputException>(() => runner.Run());

        // Assert: the first line was out before the bad one was read, and stays.
        Assert.Equal($"{input}:9: \"p\" (price) is missing or not a positive decimal string", error.Message);
        Assert.Single(File.ReadAllLines(output));
        Assert.Equal(1, runner.Summary.LinesWritten);
    }

    [Fact]
    public void Holes_in_the_ids_are_counted_as_missed_trades()
    {
        // Arrange: ids 1, 2, then 10 (7 missing), then a replayed 2 (a duplicate).
        using var dir = new TempDirectory();
        var input = dir.File("tape.jsonl");
        File.WriteAllLines(input, [Trade(1, 1_000), Trade(2, 2_000), Trade(10, 3_000), Trade(2, 3_500)]);

        // Act
        var summary = new ReplayRunner(
            new ReplayOptions(input, dir.File("out.jsonl"), TimeSpan.FromSeconds(60), FlowSettings.Default)
        ).Run();

        // Assert
        Assert.Equal(
            (1L, 7L, 1L, 3L),
            (summary.Gaps, summary.MissedTrades, summary.Duplicates, summary.Trades - summary.Duplicates)
        );
    }

    [Fact]
    public void A_raw_depth_message_in_a_file_with_two_symbols_is_refused_with_the_way_to_fix_it()
    {
        // Arrange
        using var dir = new TempDirectory();
        var input = dir.File("tape.jsonl");
        File.WriteAllLines(
            input,
            [
                Trade(1, 1_000),
                Trade(1, 1_000, "ETHUSDT"),
                "{\"lastUpdateId\":1,\"bids\":[[\"1\",\"1\"]],\"asks\":[[\"2\",\"1\"]]}",
            ]
        );

        // Act
        var error = Assert.Throws<ReplayInputException>(() =>
            new ReplayRunner(
                new ReplayOptions(input, dir.File("out.jsonl"), TimeSpan.FromSeconds(60), FlowSettings.Default)
            ).Run()
        );

        // Assert
        Assert.StartsWith($"{input}:3: a raw depth message names no symbol", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrap it as {\"stream\":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_symbols_each_get_a_line_at_every_boundary_and_at_the_end()
    {
        // Arrange: both symbols trade in minute 0 and minute 2 (every = 60 s).
        using var dir = new TempDirectory();
        var input = dir.File("tape.jsonl");
        File.WriteAllLines(
            input,
            [Trade(1, 10_000), Trade(7, 20_000, "ETHUSDT"), Trade(2, 130_000), Trade(8, 140_000, "ETHUSDT")]
        );
        var output = dir.File("out.jsonl");

        // Act
        new ReplayRunner(new ReplayOptions(input, output, TimeSpan.FromSeconds(60), FlowSettings.Default)).Run();

        // Assert: at the boundary (before trade 2) one line each, at t = each symbol's newest trade; then the end
        // lines.
        var lines = File.ReadAllLines(output).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            [
                ("BTCUSDT", Base + 10_000),
                ("ETHUSDT", Base + 20_000),
                ("BTCUSDT", Base + 130_000),
                ("ETHUSDT", Base + 140_000),
            ],
            lines.Select(l => (l.GetProperty("symbol").GetString()!, l.GetProperty("t").GetInt64()))
        );
    }

    [Fact(Timeout = 30_000)]
    public async Task The_replay_verb_exits_1_on_a_bad_line_and_2_on_a_bad_option()
    {
        // Arrange
        using var dir = new TempDirectory();
        var input = dir.File("tape.jsonl");
        File.WriteAllLines(input, [Trade(1, 1_000), "not json"]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var bad = await OrderFlowCli.RunAsync(
            ["replay", "--input", input, "--out", dir.File("o.jsonl")],
            output,
            error
        );
        var usage = await OrderFlowCli.RunAsync(
            ["replay", "--input", input, "--out", dir.File("o.jsonl"), "--every", "soon"],
            output,
            error
        );

        // Assert
        Assert.Equal((ExitCodes.Failed, ExitCodes.Usage), (bad, usage));
        Assert.Contains($"{input}:2: not valid JSON", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(
            "--every: 'soon' is not valid (expected a duration above 0",
            error.ToString(),
            StringComparison.Ordinal
        );
    }

    private const long Base = 1_767_225_600_000;

    private static string Trade(long id, long offsetMs, string symbol = "BTCUSDT") =>
        $"{{\"e\":\"aggTrade\",\"E\":{Base + offsetMs},\"s\":\"{symbol}\",\"a\":{id},\"p\":\"100.0\","
        + $"\"q\":\"1.000\",\"T\":{Base + offsetMs},\"m\":false}}";
}
