using System.Diagnostics;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Daemon;

namespace MoneyBot.Supervisor.Tests.AdminBot;

/// <summary>
/// What an independent Bot API server did to the admin bot (issue 12), imitated by the fake: the operator keeps
/// control, and the server is neither spun on nor flooded.
/// </summary>
public sealed class MisbehavingServerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_answers_getUpdates_at_once_and_fails_setMyCommands_is_neither_spun_nor_flooded()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")], server: s =>
        {
            s.InstantUpdates = true;
            s.FailFor("setMyCommands", 500, TimeSpan.FromHours(1));
        });

        var first = await h.Telegram.WaitForRequestAsync(r => r.Method == "getUpdates");
        await h.Telegram.WaitForRequestAsync(
            r => r.Method == "getUpdates" && r.ReceivedAt - first.ReceivedAt >= Window,
            TimeSpan.FromSeconds(30)
        );
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/health");
        await h.MessageAsync("healthy");

        var inWindow = h
            .Telegram.Requests.Where(r => r.ReceivedAt >= first.ReceivedAt && r.ReceivedAt < first.ReceivedAt + Window)
            .ToList();
        var polls = inWindow.Count(r => r.Method == "getUpdates");
        var menus = inWindow.Count(r => r.Method == "setMyCommands");
        Assert.True(polls is >= 5 and < 20, $"{polls} getUpdates calls in {Window}");
        Assert.True(menus is >= 2 and <= 5, $"{menus} setMyCommands calls in {Window}");
        Assert.Contains("setMyCommands failed (Internal Server Error); trying again in", h.Log.Text);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_409_conflict_backs_off_is_told_once_in_the_log_and_by_status_and_polling_resumes_after_it()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")], server: s =>
            s.FailNext("getUpdates", 409, count: 2)
        );
        var status = new ControlClient(h.Daemon.Config.Daemon.SocketPath);

        var first = await h.Telegram.WaitForRequestAsync(r => r.Method == "getUpdates" && r.Status == 409);
        var second = await h.Telegram.WaitForRequestAsync(r => r.Method == "getUpdates" && r.Status == 409);
        var during = await status.SendAsync(new SupervisorCommand.Status());
        await h.Telegram.WaitForRequestAsync("getUpdates");
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/health");
        await h.MessageAsync("healthy");
        var after = await status.SendAsync(new SupervisorCommand.Status());

        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromSeconds(0.7), "polled again at once");
        Assert.Contains("another process is polling this bot's token (409 Conflict)", during!.Message);
        Assert.Null(after!.Message);
        Assert.Single(h.Log.Lines, l => l.Contains("another process is polling", StringComparison.Ordinal));
        Assert.Single(h.Log.Lines, l => l.Contains("getUpdates works again after 2", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reply_to_the_operator_does_not_wait_behind_an_edit_that_keeps_failing()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")], server: s =>
            s.FailFor("editMessageText", 500, TimeSpan.FromMinutes(1))
        );
        await h.MessageAsync("supervisor started");
        NativeMethods.SendSignal(h.Daemon.Pids()["alpha"], SignalNames.Kill);
        await h.MessageAsync("crashed");
        await h.Telegram.WaitForRequestAsync(r => r.Method == "editMessageText" && r.Status == 500); // running again

        var asked = Stopwatch.StartNew();
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/status");
        var reply = await h.MessageAsync("Programs");
        asked.Stop();

        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(5), $"/status answered after {asked.Elapsed}");
        Assert.Contains("<b>alpha</b> RUNNING", reply.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_slow_restart_is_acknowledged_at_once_and_a_button_pressed_meanwhile_is_answered_first()
    {
        await using var h = await AdminBotHarness.StartAsync(
            [("slow", "--ignore-term, --ready-after, 0")], // READY=1 once it ignores SIGTERM
            defaults: "  ready: notify\n  stop_timeout: 3s\n  logs: { timestamps: false }"
        );
        await h.MessageAsync("supervisor started");

        var asked = Stopwatch.StartNew();
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/restart slow");
        await h.MessageAsync("restarting <b>slow</b>");
        var acknowledged = asked.Elapsed;
        h.Telegram.EnqueueCallbackQuery(AdminBotHarness.AdminChat, "cancel");
        var answered = await h.Telegram.WaitForRequestAsync("answerCallbackQuery");
        var cancelled = await h.MessageAsync("cancelled");
        var outcome = await h.MessageAsync("restarted slow", method: "editMessageText");

        Assert.True(acknowledged < TimeSpan.FromSeconds(2.5), $"acknowledged after {acknowledged}");
        Assert.True(answered.ReceivedAt < outcome.ReceivedAt, "the button waited for the restart");
        Assert.True(
            cancelled.ReceivedAt < outcome.ReceivedAt,
            string.Join("\n", h.Telegram.Requests.Select(r => $"{r.ReceivedAt:ss.fff} {r.Method} {r.Status} {r.Text}"))
        );
        Assert.True(asked.Elapsed >= TimeSpan.FromSeconds(2.5), $"the restart took only {asked.Elapsed}");
        Assert.Equal(ProgramState.Running, h.Daemon.Programs().Find("slow")!.State);
    }
}
