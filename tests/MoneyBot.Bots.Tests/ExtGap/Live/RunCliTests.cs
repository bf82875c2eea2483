using MoneyBot.ExtGap.Cli;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary><c>extgap run</c>'s command line: bad usage fails fast with exit code 2 and says what to fix.</summary>
public sealed class RunCliTests
{
    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ExtGapCli.RunAsync(args, output, error);
        return (code, error.ToString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("--market", "margin", "--market: 'margin' is not valid (expected futures or spot)")]
    [InlineData(
        "--rest-url",
        "ftp://x",
        "--rest-url: 'ftp://x' is not valid (expected an absolute http:// or https:// URL without a query)"
    )]
    [InlineData(
        "--ws-url",
        "http://x",
        "--ws-url: 'http://x' is not valid (expected an absolute ws:// or wss:// URL without a query)"
    )]
    [InlineData(
        "--stats-interval",
        "soon",
        "--stats-interval: 'soon' is not valid (expected a duration like 1h, 30m, or 0)"
    )]
    [InlineData("--stale-after", "0", "--stale-after: '0' is not valid (expected a duration above 0 like 10s or 1m)")]
    [InlineData(
        "--log-level",
        "loud",
        "--log-level: 'loud' is not valid (expected trace, debug, info, warning or error)"
    )]
    [InlineData("--lang", "de", "--lang: 'de' is not valid (expected en or fr)")]
    public async Task A_bad_option_value_is_a_usage_error_that_names_the_option(
        string option,
        string value,
        string message
    )
    {
        // Act
        var (code, error) = await RunAsync("run", "--timeframe", "3m", option, value);

        // Assert
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_same_file_for_two_outputs_is_a_usage_error()
    {
        // Act
        var (code, error) = await RunAsync("run", "--timeframe", "3m", "--gaps-out", "x.csv", "--trades-out", "x.csv");

        // Assert
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(
            "extgap run: The gaps, trades and state files must be different files.",
            error,
            StringComparison.Ordinal
        );
    }
}
