using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Logging;

public sealed partial class FileLoggerProviderTests : IDisposable
{
    private const string Secret = "s3cr3t-api-key";

    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_entry_is_one_line_of_time_level_category_and_message_with_the_exception_below()
    {
        // Arrange
        var path = _dir.File("supervisor.log");
        using (var provider = new FileLoggerProvider(path, LogSettings.Default, _clock, SecretMasker.None))
        {
            var logger = provider.CreateLogger("MoneyBot.Supervision");

            // Act
            LogStarted(logger, "bot-a", 4242);
            LogCrashed(logger, new InvalidOperationException("exit code 3"), "bot-a");
        }

        // Assert
        var lines = File.ReadAllLines(path);
        Assert.Equal("2026-11-21T23:27:13.123Z INFO  MoneyBot.Supervision: Started bot-a as pid 4242", lines[0]);
        Assert.Equal("2026-11-21T23:27:13.123Z ERROR MoneyBot.Supervision: bot-a crashed", lines[1]);
        Assert.Equal("System.InvalidOperationException: exit code 3", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Secrets_are_masked_in_messages_and_exceptions()
    {
        // Arrange
        var path = _dir.File("supervisor.log");
        using (var provider = new FileLoggerProvider(path, LogSettings.Default, _clock, new SecretMasker([Secret])))
        {
            var logger = provider.CreateLogger("Test");

            // Act
            LogStarted(logger, $"bot --key {Secret}", 1);
            LogCrashed(logger, new InvalidOperationException($"rejected key {Secret}"), "bot");
        }

        // Assert
        var text = File.ReadAllText(path);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("Started bot --key *** as pid 1", text, StringComparison.Ordinal);
        Assert.Contains("rejected key ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_below_the_minimum_level_are_skipped()
    {
        // Arrange
        var path = _dir.File("supervisor.log");
        using (
            var provider = new FileLoggerProvider(
                path,
                LogSettings.Default,
                _clock,
                SecretMasker.None,
                LogLevel.Warning
            )
        )
        {
            var logger = provider.CreateLogger("Test");

            // Act
            LogStarted(logger, "quiet", 1);
            LogCrashed(logger, null, "loud");

            // Assert
            Assert.False(logger.IsEnabled(LogLevel.Information));
        }

        Assert.Equal(["2026-11-21T23:27:13.123Z ERROR Test: loud crashed"], File.ReadAllLines(path));
    }

    [Fact]
    public void The_daemon_log_rotates_within_its_size_limit()
    {
        // Arrange
        var path = _dir.File("supervisor.log");
        var settings = new LogSettings(MaxSize: 1000, Backups: 2, Timestamps: false, StderrMode.Separate);
        using (var provider = new FileLoggerProvider(path, settings, _clock, SecretMasker.None))
        {
            var logger = provider.CreateLogger("Test");

            // Act
            for (var i = 0; i < 200; i++)
            {
                LogStarted(logger, "bot", i);
            }
        }

        // Assert
        Assert.Equal("INFO  Test: Started bot as pid 199", File.ReadAllLines(path)[^1]);
        Assert.True(File.Exists(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
        Assert.All(Directory.GetFiles(_dir.Path), f => Assert.InRange(new FileInfo(f).Length, 1, 1000));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Program} as pid {Pid}")]
    private static partial void LogStarted(ILogger logger, string program, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Program} crashed")]
    private static partial void LogCrashed(ILogger logger, Exception? exception, string program);
}
