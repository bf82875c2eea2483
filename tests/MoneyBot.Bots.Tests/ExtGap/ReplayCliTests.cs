using MoneyBot.ExtGap.Cli;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary><c>extgap replay</c> end to end, in process: golden fixture, exit codes and error messages.</summary>
public sealed class ReplayCliTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ExtGapCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Replay(TempDirectory dir, string candles, params string[] more) =>
        [
            "replay",
            "--candles",
            candles,
            "--timeframe",
            "3m",
            "--symbol",
            "BTCUSDT",
            "--gaps-out",
            dir.File("gaps.csv"),
            "--trades-out",
            dir.File("trades.csv"),
            .. more,
        ];

    [Fact(Timeout = 30_000)]
    public async Task Replaying_the_precedence_fixture_gives_the_golden_gaps_and_no_trade()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var (code, output, error) = await RunAsync(Replay(dir, Fixtures.ExtGap("precedence_3m.candles.csv")));

        // Assert
        Assert.True(code == ExitCodes.Success, error);
        CsvAssert.SameValues(Fixtures.ExtGap("precedence_3m.gaps.csv"), dir.File("gaps.csv"));
        Assert.Single(File.ReadAllLines(dir.File("trades.csv")));
        Assert.Contains("gaps: 3 detected", output, StringComparison.Ordinal);
        Assert.Contains("open position: SHORT 1000 USD at 102", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Replaying_the_same_candles_twice_into_the_same_files_adds_no_row()
    {
        // Arrange
        using var dir = new TempDirectory();
        var args = Replay(dir, Fixtures.ExtGap("precedence_3m.candles.csv"));
        await RunAsync(args);

        // Act
        var (code, output, _) = await RunAsync(args);

        // Assert
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(4, File.ReadAllLines(dir.File("gaps.csv")).Length);
        Assert.Contains("(3 already there)", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_bad_row_fails_with_file_and_line_and_keeps_the_rows_written_before_it()
    {
        // Arrange: the fixture with its fourth candle's high broken.
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(Fixtures.ExtGap("precedence_3m.candles.csv"));
        lines[4] = "1735690140000,103,10x3.5,102.6,103";
        var candles = dir.File("bad.csv");
        File.WriteAllLines(candles, lines);

        // Act
        var (code, _, error) = await RunAsync(Replay(dir, candles));

        // Assert
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains($"{candles}:5: high '10x3.5' is not a number", error, StringComparison.Ordinal);
        Assert.Contains("the 1 gap and 0 trade rows written before that are kept", error, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(dir.File("gaps.csv")).Length);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("--timeframe", "7m", "--timeframe: '7m' is not valid")]
    [InlineData("--entry-rule", "open", "--entry-rule: 'open' is not valid (expected close or next-open)")]
    [InlineData("--max-hold", "forever", "--max-hold: 'forever' is not valid")]
    [InlineData("--notional", "-5", "--notional: '-5' is not valid")]
    [InlineData("--exit-fee-rate", "2", "--exit-fee-rate: '2' is not valid")]
    public async Task A_bad_option_value_is_a_usage_error(string option, string value, string message)
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var args = Replay(dir, Fixtures.ExtGap("precedence_3m.candles.csv")).ToList();
        if (args.IndexOf(option) is var at and >= 0)
        {
            args.RemoveRange(at, 2);
        }

        var (code, _, error) = await RunAsync([.. args, option, value]);

        // Assert
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("gaps.csv")));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_candle_file_or_verb_is_a_usage_error()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var missing = await RunAsync(Replay(dir, dir.File("nope.csv")));
        var noVerb = await RunAsync();

        // Assert
        Assert.Equal(ExitCodes.Usage, missing.Code);
        Assert.Contains("nope.csv", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noVerb.Code);
    }

    [Fact(Timeout = 60_000)]
    public async Task Next_open_entries_and_expiry_show_in_the_trades_file()
    {
        // Arrange
        using var dir = new TempDirectory();
        var candles = dir.File("walk.csv");
        Fixtures.WriteCandles(candles, Fixtures.RandomWalk(seed: 7, count: 3000));

        // Act
        var (code, _, error) = await RunAsync(Replay(dir, candles, "--entry-rule", "next-open", "--max-hold", "1h"));

        // Assert
        Assert.True(code == ExitCodes.Success, error);
        var trades = Fixtures.Rows(dir.File("trades.csv"));
        Assert.Contains(trades, t => t[12] == "24H_EXPIRY");
        Assert.Contains(trades, t => t[12] == "REVERSE");
        // next-open: entries at an open time
        Assert.All(trades, t => Assert.EndsWith(":00Z", t[1], StringComparison.Ordinal));
    }
}
