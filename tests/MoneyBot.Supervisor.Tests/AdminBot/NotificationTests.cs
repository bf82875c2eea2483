using System.Diagnostics;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Daemon;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.AdminBot;

public sealed class NotificationTests
{
    private const string CrashLoopDefaults =
        "  start_secs: 1s\n  logs: { timestamps: false }\n"
        + "  backoff: { initial: 0s, factor: 1, max: 0s, jitter: 0, reset_after: 1m }\n"
        + "  give_up: { restarts: 4, within: 10m }";

    [Fact(Timeout = 60_000)]
    public async Task A_crash_loop_is_one_message_edited_with_the_count_and_fatal_carries_the_last_stderr_lines()
    {
        await using var h = await AdminBotHarness.StartAsync([("looper", "--crash")], defaults: CrashLoopDefaults);

        var first = await h.MessageAsync("crashed");
        var fatal = await h.MessageAsync("FATAL");
        var edit = await h.Telegram.WaitForRequestAsync(r =>
            r.Method == "editMessageText" && r.Text?.Contains("crashed 4 times", StringComparison.Ordinal) == true
        );

        Assert.Contains("looper", first.Text, StringComparison.Ordinal);
        Assert.Single(h.Telegram.Requests, r =>
            r.Method == "sendMessage" && r.Text!.Contains("crashed", StringComparison.Ordinal)
        );
        Assert.Equal(first.ChatId, edit.ChatId);
        Assert.Contains("<pre>crashing", fatal.Text, StringComparison.Ordinal);
        Assert.Contains("gave up after 4 restarts", fatal.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Each_kind_can_be_on_silent_or_off()
    {
        await using var h = await AdminBotHarness.StartAsync(
            [("alpha", "")],
            telegramExtra: "  notify: { started: off, crashed: silent, stopped: on, daemon: on }\n"
        );
        await h.MessageAsync("supervisor started");

        NativeMethods.SendSignal(h.Daemon.Pids()["alpha"], SignalNames.Kill);
        var crash = await h.MessageAsync("crashed");
        await h.Daemon.Events.NextStateAsync("alpha", ProgramState.Running);
        await h.Daemon.Programs().StopAsync(h.Daemon.Programs().Resolve("alpha")!, byOperator: true);
        var stopped = await h.MessageAsync("stopped by operator");
        await h.Daemon.Programs().StartAsync(h.Daemon.Programs().Resolve("alpha")!, byOperator: true);
        await h.Daemon.Daemon.ReloadAsync();
        await h.MessageAsync("reload applied");

        Assert.Equal("true", crash["disable_notification"]);
        Assert.NotEqual("true", stopped["disable_notification"]);
        Assert.DoesNotContain(h.Telegram.Requests, r =>
            r.Text?.Contains("started (pid", StringComparison.Ordinal) == true
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task A_slow_telegram_never_delays_a_restart()
    {
        await using var h = await AdminBotHarness.StartAsync(
            [("alpha", "")],
            defaults: "  start_secs: 0\n  logs: { timestamps: false }\n  backoff: { initial: 0s, factor: 1, max: "
                + "0s, jitter: 0, reset_after: 1m }"
        );
        await h.MessageAsync("supervisor started");
        h.Telegram.Delay("sendMessage", TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        NativeMethods.SendSignal(h.Daemon.Pids()["alpha"], SignalNames.Kill);
        await h.Daemon.Events.NextAsync<ProgramStateChanged>(e =>
            e.Program == "alpha" && e.To == ProgramState.Running && e.Restarts == 1
        );

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"restart took {clock.Elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_health_report_is_sent_on_its_cron_schedule_and_the_report_verb_prints_the_same()
    {
        await using var h = await AdminBotHarness.StartAsync(
            [("alpha", "")],
            schedules: "{ health_report: \"* * * * * ?\", daily_summary: off }"
        );

        var report = await h.MessageAsync("Health report");
        var local = await new ControlClient(h.Daemon.Config.Daemon.SocketPath).SendAsync(
            new SupervisorCommand.Report(ReportKind.Health)
        );

        Assert.Contains("alpha", report.Text, StringComparison.Ordinal);
        Assert.Contains("logs use", report.Text, StringComparison.Ordinal);
        Assert.StartsWith("Health report", local!.Message, StringComparison.Ordinal);
        Assert.Contains("alpha", local.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Commands_are_registered_and_logs_come_back_as_text_or_as_a_document_when_long()
    {
        await using var h = await AdminBotHarness.StartAsync([("chatty", "--flood, 200, --line-bytes, 100")]);
        await h.Telegram.WaitForRequestAsync("setMyCommands");
        await h.MessageAsync("supervisor started");
        await LogLines.WaitForAsync(
            MoneyBot.Supervisor.Logging.ProgramLogs.OutPath(h.Daemon.Config.Daemon.LogDir, "chatty"),
            "flood done"
        );

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/logs chatty 3");
        var shortLogs = await h.MessageAsync("<b>chatty</b>");
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/logs chatty 100");
        var document = await h.Telegram.WaitForRequestAsync("sendDocument");

        Assert.Contains("<pre>", shortLogs.Text, StringComparison.Ordinal);
        Assert.Equal("chatty.log", Assert.Single(document.Files).FileName);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_stderr_log_and_a_report_can_be_asked_for_from_the_chat()
    {
        await using var h = await AdminBotHarness.StartAsync([("noisy", "--flood, 3, --flood-stderr")]);
        await h.MessageAsync("supervisor started");
        await LogLines.WaitForAsync(
            MoneyBot.Supervisor.Logging.ProgramLogs.OutPath(h.Daemon.Config.Daemon.LogDir, "noisy"),
            "flood done"
        );

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/logs noisy 2 err");
        var errors = await h.MessageAsync("<b>noisy</b>");
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/report daily");
        var daily = await h.MessageAsync("Daily summary");
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/logs nobody");
        var unknown = await h.MessageAsync("no program or group named");

        Assert.Contains("err ", errors.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("out ", errors.Text, StringComparison.Ordinal);
        Assert.Contains("<b>Daily summary", daily.Text, StringComparison.Ordinal);
        Assert.Contains("1 of 1 programs running", daily.Text, StringComparison.Ordinal);
        Assert.Contains("known: noisy", unknown.Text, StringComparison.Ordinal);
    }
}
