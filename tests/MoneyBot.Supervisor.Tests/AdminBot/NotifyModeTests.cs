using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Telegram;
using MoneyBot.Supervisor.Tests.Telegram;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Tests.AdminBot;

/// <summary>Every notification kind under each of on / silent / off, from events straight into the notifier.</summary>
public sealed class NotifyModeTests
{
    private const long Chat = 77;
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, NotifyMode> Cases()
    {
        var data = new TheoryData<string, NotifyMode>();
        foreach (
            var kind in new[] { "started", "crashed", "fatal", "recovered", "watchdog", "stopped", "reload", "daemon" }
        )
        {
            foreach (var mode in Enum.GetValues<NotifyMode>())
            {
                data.Add(kind, mode);
            }
        }

        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Cases))]
    public async Task Each_kind_is_sent_with_sound_silently_or_not_at_all(string kind, NotifyMode mode)
    {
        await using var server = await FakeTelegramServer.StartAsync();
        using var client = TestBot.Client(server);
        await using var outbox = new TelegramOutbox(client, TestBot.FastOptions);
        var others = new NotifySettings(
            NotifyMode.Off,
            NotifyMode.Off,
            NotifyMode.Off,
            NotifyMode.Off,
            NotifyMode.Off,
            NotifyMode.Off,
            NotifyMode.Off,
            NotifyMode.Off
        );
        var notify = kind switch
        {
            "started" => others with { Started = mode },
            "crashed" => others with { Crashed = mode },
            "fatal" => others with { Fatal = mode },
            "recovered" => others with { Recovered = mode },
            "watchdog" => others with { Watchdog = mode },
            "stopped" => others with { Stopped = mode },
            "reload" => others with { Reload = mode },
            _ => others with { Daemon = mode },
        };
        var settings = TelegramSettings.Disabled with { Token = TestBot.TokenText, ChatIds = ["77"], Notify = notify };
        var notifier = new TelegramNotifier(outbox, settings, _ => ["boom"], "host", NullLogger.Instance);

        foreach (var evt in Events(kind))
        {
            notifier.Handle(evt);
        }

        await outbox.WhenIdleAsync();
        var sent = server.RequestsFor("sendMessage");
        if (mode == NotifyMode.Off)
        {
            Assert.Empty(sent);
            return;
        }

        var message = Assert.Single(sent);
        Assert.Equal("77", message.ChatId);
        Assert.Equal(mode == NotifyMode.Silent, message["disable_notification"] == "true");
    }

    private static IEnumerable<SupervisorEvent> Events(string kind)
    {
        ProgramStateChanged Change(
            ProgramState from,
            ProgramState to,
            string reason = "test",
            bool byOperator = false
        ) =>
            new(
                T0,
                "bot",
                from,
                to,
                reason,
                42,
                new ExitStatus(1, null),
                1,
                TimeSpan.FromSeconds(2),
                TimeSpan.FromMinutes(3),
                byOperator
            );

        switch (kind)
        {
            case "started":
                yield return new DaemonStarted(T0, "/cfg.yaml", []);
                yield return Change(Starting, Running);
                break;
            case "crashed":
                yield return Change(Running, Backoff);
                break;
            case "fatal":
                yield return Change(Starting, Fatal, "gave up");
                break;
            case "recovered":
                yield return Change(Starting, Fatal, "gave up");
                yield return Change(Starting, Running);
                break;
            case "watchdog":
                yield return Change(Running, Backoff, "watchdog timeout (no WATCHDOG=1 for 30s)");
                break;
            case "stopped":
                yield return Change(Stopping, Stopped, "stopped by operator", byOperator: true);
                break;
            case "reload":
                yield return new ConfigReloaded(T0, ["new"], [], []);
                break;
            default:
                yield return new DaemonStarted(T0, "/cfg.yaml", []);
                break;
        }
    }
}
