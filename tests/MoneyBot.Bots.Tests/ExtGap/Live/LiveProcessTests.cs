using System.Diagnostics;
using System.Globalization;
using CliWrap;
using MoneyBot.Bots.Tests.Infrastructure;
using MoneyBot.Bots.Tests.MarketData;
using MoneyBot.ExtGap.Cli;
using MoneyBot.ExtGap.State;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>The real <c>extgap run</c> process: SIGTERM, and the death of its supervisor.</summary>
public sealed class LiveProcessTests
{
    private static string[] RunArguments(Uri rest, Uri ws, TempDirectory dir) =>
        [
            "run",
            "--timeframe",
            "1m",
            "--symbol",
            "BTCUSDT",
            "--market",
            "futures",
            "--rest-url",
            rest.ToString(),
            "--ws-url",
            ws.ToString(),
            "--gaps-out",
            dir.File("out/gaps.csv"),
            "--trades-out",
            dir.File("out/trades.csv"),
            "--state",
            dir.File("out/state.json"),
            "--stats-interval",
            "0",
            "--lang",
            "fr",
        ];

    [Fact(Timeout = 60_000)]
    public async Task SIGTERM_flushes_the_files_saves_the_state_says_goodbye_and_exits_0_within_seconds()
    {
        // Arrange: a 1m candle every second.
        await using var exchange = await Exchange.StartAsync(speed: 60);
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var dir = new TempDirectory();
        using var notify = new NotifyListener();
        await using var bot = RunningChild.Start(
            BotExecutables.ExtGap,
            RunArguments(exchange.BaseUrl, exchange.FuturesWebSocketUrl, dir),
            new Dictionary<string, string?>
            {
                ["NOTIFY_SOCKET"] = notify.Path,
                ["WATCHDOG_USEC"] = "3000000",
                ["TELEGRAM_BOT_TOKEN"] = "123456:ABC-def",
                ["TELEGRAM_CHAT_IDS"] = "42",
                ["TELEGRAM_API_URL"] = telegram.BaseUrl.ToString(),
            }
        );
        await notify.Datagrams.WaitForAsync(d => d.Has("READY=1"));
        await notify.Datagrams.WaitForAsync(d => d.Status?.Contains("last candle", StringComparison.Ordinal) == true);
        await telegram.Messages.WaitForAsync(m => m.Text.Contains("démarré", StringComparison.Ordinal));

        // Act
        var signalled = Stopwatch.GetTimestamp();
        await bot.SignalAsync("TERM");
        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var took = Stopwatch.GetElapsedTime(signalled);

        // Assert
        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
        await notify.Datagrams.WaitForAsync(d => d.Has("STOPPING=1"));
        await bot.Output.WaitForAsync(l => l.Contains("stopping (SIGTERM)", StringComparison.Ordinal));
        var stopped = await bot.Output.WaitForAsync(l => l.Contains("stopped after", StringComparison.Ordinal));
        Assert.True(
            long.Parse(stopped.Split("stopped after ")[1].Split(' ')[0], CultureInfo.InvariantCulture) >= 1,
            stopped
        );

        // The state is the last candle's, and the files hold every row it knows of: flushed.
        var state = new BotStateStore(dir.File("out/state.json")).Load()!;
        var lastStatus = notify
            .Datagrams.Items.Last(d => d.Status?.Contains("last candle", StringComparison.Ordinal) == true)
            .Status!;
        Assert.Contains(
            $"last candle {state.LastCandleOpenTime!.Value.UtcDateTime:yyyy-MM-dd HH:mm}Z",
            lastStatus,
            StringComparison.Ordinal
        );
        Assert.Equal(state.LastGapWritten, LastKey(dir.File("out/gaps.csv"), column: 5));
        Assert.Equal(state.LastTradeWritten, LastKey(dir.File("out/trades.csv"), column: 2));
        await telegram.Messages.WaitForAsync(m => m.Text.Contains("SIGTERM", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Output.Items, l => l.Contains("ABC-def", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_bot_stops_cleanly_when_its_supervisor_dies()
    {
        // Arrange: a shell stands in for the supervisor; it starts the bot (stderr into its stdout) and waits on stdin.
        await using var exchange = await Exchange.StartAsync(speed: 60);
        using var dir = new TempDirectory();
        using var notify = new NotifyListener();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] script = ["-c", "\"$0\" \"$@\" 2>&1 & echo \"pid $!\"; read line", BotExecutables.ExtGap];
        await using var supervisor = RunningChild.Start(
            "/bin/sh",
            [.. script, .. RunArguments(exchange.BaseUrl, exchange.FuturesWebSocketUrl, dir)],
            new Dictionary<string, string?>
            {
                ["NOTIFY_SOCKET"] = notify.Path,
                ["WATCHDOG_USEC"] = null,
                ["TELEGRAM_BOT_TOKEN"] = null,
            },
            captureStdout: true,
            input: PipeSource.Create(async (_, cancellationToken) => await release.Task.WaitAsync(cancellationToken))
        );
        var output = supervisor.Output;
        var pid = int.Parse(
            (await output.WaitForAsync(l => l.StartsWith("pid ", StringComparison.Ordinal)))[4..],
            CultureInfo.InvariantCulture
        );
        try
        {
            await notify.Datagrams.WaitForAsync(d => d.Has("READY=1"));

            // Act: the supervisor dies (its stdin closes, its `read` returns).
            release.SetResult();

            // Assert: the bot notices within its check interval and leaves cleanly: the shell has exited and every
            // writer of its stdout (the bot too) is gone.
            await supervisor.WaitForExitAsync(TimeSpan.FromSeconds(10));
            var log = output.Items;
            Assert.Contains(log, l =>
                l.Contains("the supervisor (our parent process) is gone", StringComparison.Ordinal)
            );
            Assert.Contains(log, l => l.Contains("stopping (the supervisor is gone)", StringComparison.Ordinal));
            Assert.Contains(log, l => l.Contains("stopped after", StringComparison.Ordinal));
            // sent before the exit; the listener may read it after
            await notify.Datagrams.WaitForAsync(d => d.Has("STOPPING=1"));
            Assert.Single(notify.With("STOPPING=1"));
            Assert.NotNull(new BotStateStore(dir.File("out/state.json")).Load());
        }
        finally
        {
            KillIfAlive(pid);
        }
    }

    /// <summary>
    /// The time in <paramref name="column"/> of the file's last row; null when it has only its header.
    /// </summary>
    private static DateTimeOffset? LastKey(string path, int column)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        return lines.Count == 1
            ? null
            : DateTimeOffset.Parse(lines[^1].Split(',')[column], CultureInfo.InvariantCulture);
    }

    private static void KillIfAlive(int pid)
    {
        try
        {
            using var orphan = Process.GetProcessById(pid);
            if (!orphan.HasExited)
            {
                orphan.Kill();
            }
        }
        catch (ArgumentException)
        {
            // Gone already: the expected case.
        }
    }
}
