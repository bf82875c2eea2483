using MoneyBot.ExchangeSim.Cli;

namespace MoneyBot.Bots.Tests.ExchangeSim;

public sealed class CommandLineTests
{
    [Fact]
    public void Every_option_is_read_in_both_spellings()
    {
        var ok = CommandLine.TryParse(
            [
                "--urls",
                "http://127.0.0.1:9123",
                "--speed=60",
                "--seed",
                "5",
                "--symbols",
                "btcusdt, solusdt",
                "--start",
                "2024-05-01T00:00:00Z",
                "--history",
                "2d",
                "--trade-rate",
                "7.5",
                "--max-connection-age",
                "10m",
                "--ping-interval",
                "3s",
            ],
            out var options,
            out var error
        );

        Assert.True(ok, error);
        Assert.Equal(new Uri("http://127.0.0.1:9123"), options!.ListenUrl);
        Assert.Equal((60.0, 5, 7.5), (options.Speed, options.Seed, options.TradesPerSecond));
        Assert.Equal(["BTCUSDT", "SOLUSDT"], options.Symbols);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), options.Start);
        Assert.Equal(
            (TimeSpan.FromDays(2), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(3)),
            (options.History, options.MaxConnectionAge, options.PingInterval)
        );
    }

    [Fact]
    public void The_defaults_listen_on_loopback_port_8090_at_real_speed()
    {
        Assert.True(CommandLine.TryParse([], out var options, out _));
        Assert.Equal((new Uri("http://127.0.0.1:8090"), 1.0, 42), (options!.ListenUrl, options.Speed, options.Seed));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], options.Symbols);
        Assert.Null(options.Start);
    }

    [Theory]
    [InlineData("--speed", "0", "speed")]
    [InlineData("--speed", "fast", "--speed")]
    [InlineData("--urls", "http://192.168.1.5:80", "loopback")]
    [InlineData("--history", "3 weeks", "--history")]
    [InlineData("--start", "yesterday", "--start")]
    [InlineData("--symbols", "BTC-USDT", "Symbols")]
    [InlineData("--colour", "red", "unknown option '--colour'")]
    public void A_bad_option_is_named_in_the_error(string name, string value, string expected)
    {
        Assert.False(CommandLine.TryParse([name, value], out var options, out var error));
        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_a_missing_value_are_told_apart()
    {
        Assert.False(CommandLine.TryParse(["--help"], out _, out var helpError));
        Assert.False(CommandLine.TryParse(["--seed"], out _, out var missing));

        Assert.Null(helpError);
        Assert.Equal("--seed needs a value", missing);
        Assert.Contains("--max-connection-age", CommandLine.Usage, StringComparison.Ordinal);
    }
}
