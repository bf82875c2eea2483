using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Config;

public sealed class ConfigValueTests : IDisposable
{
    private readonly ConfigFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    public void Retry_after_off_or_empty_means_no_retry(string value)
    {
        var config = _fixture.LoadValid(
            $$"""
            defaults:
              give_up:
                retry_after: {{value}}
            programs:
              bot: { command: bot }
            """
        );

        Assert.Null(config.Programs[0].GiveUp.RetryAfter);
        Assert.Equal(GiveUpPolicy.Default.Restarts, config.Programs[0].GiveUp.Restarts);
    }

    [Theory]
    [InlineData("TERM", StopSignal.Term)]
    [InlineData("SIGTERM", StopSignal.Term)]
    [InlineData("sigint", StopSignal.Int)]
    [InlineData("Hup", StopSignal.Hup)]
    [InlineData("QUIT", StopSignal.Quit)]
    [InlineData("SIGKILL", StopSignal.Kill)]
    [InlineData("usr1", StopSignal.Usr1)]
    [InlineData("SIGUSR2", StopSignal.Usr2)]
    public void Stop_signal_accepts_names_with_or_without_SIG_in_any_case(string text, StopSignal expected)
    {
        var config = _fixture.LoadValid($"programs:\n  bot: {{ command: bot, stop_signal: {text} }}\n");

        Assert.Equal(expected, config.Programs[0].StopSignal);
    }

    [Theory]
    [InlineData("start_secs", "5", 5_000)]
    [InlineData("start_secs", "1500ms", 1_500)]
    [InlineData("start_secs", "0", 0)]
    [InlineData("stop_timeout", "2m", 120_000)]
    [InlineData("stop_timeout", "500ms", 500)]
    [InlineData("watchdog", "1h", 3_600_000)]
    [InlineData("watchdog", "0", 0)]
    public void Durations_are_read_in_their_units(string key, string text, int expectedMilliseconds)
    {
        var config = _fixture.LoadValid($"programs:\n  bot:\n    command: bot\n    {key}: {text}\n");

        var bot = config.Programs[0];
        var actual = key switch
        {
            "start_secs" => bot.StartSecs,
            "stop_timeout" => bot.StopTimeout,
            _ => bot.Watchdog,
        };
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), actual);
    }

    [Theory]
    [InlineData("512KB", 512L * 1024)]
    [InlineData("10MB", 10L * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("4096", 4096)]
    public void Sizes_are_read_in_their_units(string text, long expected)
    {
        var config = _fixture.LoadValid(
            $"supervisor:\n  log: {{ max_size: {text}, backups: 7 }}\nprograms:\n  bot: {{ command: bot, logs: {{ "
                + $"max_size: {text} }} }}\n"
        );

        Assert.Equal(expected, config.Programs[0].Logs.MaxSize);
        Assert.Equal(new LogSettings(expected, 7, true, StderrMode.Separate), config.Daemon.Log);
    }

    [Fact]
    public void Args_and_env_values_of_any_scalar_type_become_strings()
    {
        var config = _fixture.LoadValid(
            """
            programs:
              bot:
                command: bot
                args: [1, true, "two words", 2.50, '']
                env: { PORT: 8080, DEBUG: false, EMPTY: }
            """
        );

        var bot = config.Programs[0];
        Assert.Equal(["1", "true", "two words", "2.50", ""], bot.Args);
        Assert.Equal("8080", bot.Environment["PORT"]);
        Assert.Equal("false", bot.Environment["DEBUG"]);
        Assert.Equal(string.Empty, bot.Environment["EMPTY"]);
    }
}
