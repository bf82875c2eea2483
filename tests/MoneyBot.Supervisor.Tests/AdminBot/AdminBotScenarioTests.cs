using System.Diagnostics;
using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Daemon;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.AdminBot;

/// <summary>The "done means": what an operator sees and can do, against a fake Bot API server.</summary>
public sealed class AdminBotScenarioTests
{
    private const long Stranger = 666;

    [Fact(Timeout = 60_000)]
    public async Task An_operator_sees_startup_then_a_crash_and_can_query_and_restart_while_a_stranger_cannot()
    {
        await using var h = await AdminBotHarness.StartAsync([
            ("alpha", "--print-every, 60000"),
            ("beta", "--print-every, 60000"),
        ]);

        var startup = await h.MessageAsync("supervisor started");
        Assert.Contains("alpha", startup.Text, StringComparison.Ordinal);
        Assert.Contains("beta", startup.Text, StringComparison.Ordinal);

        var alpha = h.Daemon.Pids()["alpha"];
        var killed = Stopwatch.StartNew();
        NativeMethods.SendSignal(alpha, SignalNames.Kill);
        var crash = await h.MessageAsync("crashed");
        killed.Stop();
        Assert.Contains("alpha", crash.Text, StringComparison.Ordinal);
        Assert.Contains("signal KILL", crash.Text, StringComparison.Ordinal);
        // 1s of it may be Telegram's per-chat pacing
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(2), $"crash message after {killed.Elapsed}");

        await h.Daemon.Events.NextAsync<ProgramStateChanged>(e =>
            e.Program == "alpha" && e.To == ProgramState.Running && e.Restarts == 1
        );
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/status");
        var status = await h.MessageAsync("Programs");
        Assert.Contains("<b>alpha</b> RUNNING", status.Text, StringComparison.Ordinal);
        Assert.Contains("<b>beta</b> RUNNING", status.Text, StringComparison.Ordinal);
        Assert.Contains("restart:beta", status["reply_markup"], StringComparison.Ordinal);

        var before = h.Daemon.Pids();
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/restart beta");
        await h.OutcomeAsync("restarting <b>beta</b>", "restarted beta");
        var after = h.Daemon.Pids();
        Assert.NotEqual(before["beta"], after["beta"]);
        Assert.Equal(before["alpha"], after["alpha"]);

        h.Telegram.EnqueueTextMessage(Stranger, "/stop all");
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/health"); // processed after the stranger's
        await h.MessageAsync("healthy");
        Assert.Equal(after, h.Daemon.Pids());
        Assert.DoesNotContain(h.Telegram.Requests, r =>
            r.ChatId == Stranger.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        Assert.Contains("refused 'stop' from user 666", h.Log.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stop_asks_for_confirmation_and_the_button_carries_it_out()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")]);
        await h.MessageAsync("supervisor started");

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/stop alpha");
        var question = await h.MessageAsync("stop <b>alpha</b>?");
        Assert.Contains("confirm:stop:alpha", question["reply_markup"], StringComparison.Ordinal);
        Assert.Equal(ProgramState.Running, h.Daemon.Programs().Find("alpha")!.State);

        h.Telegram.EnqueueCallbackQuery(AdminBotHarness.AdminChat, "confirm:stop:alpha");
        await h.OutcomeAsync("stopping <b>alpha</b>", "stopped alpha");
        await h.Telegram.WaitForRequestAsync("answerCallbackQuery");

        Assert.Equal(ProgramState.Stopped, h.Daemon.Programs().Find("alpha")!.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_command_queued_while_the_daemon_was_down_is_refused_with_a_note()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")]);
        await h.MessageAsync("supervisor started");
        var pid = h.Daemon.Pids()["alpha"];

        h.Telegram.EnqueueTextMessage(
            AdminBotHarness.AdminChat,
            "/restart alpha",
            date: DateTimeOffset.UtcNow.AddMinutes(-5)
        );
        var note = await h.MessageAsync("ignored /restart");

        Assert.Contains("send it again", note.Text, StringComparison.Ordinal);
        Assert.Equal(pid, h.Daemon.Pids()["alpha"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task In_a_group_only_listed_admin_users_may_command()
    {
        const long group = -100500;
        await using var h = await AdminBotHarness.StartAsync(
            [("alpha", "")],
            telegramExtra: "  admin_users: [42]\n",
            chatIds: $"{AdminBotHarness.AdminChat},{group}"
        );
        await h.MessageAsync("supervisor started", group);
        var pid = h.Daemon.Pids()["alpha"];

        h.Telegram.EnqueueTextMessage(group, "/restart alpha", fromUserId: 7);
        h.Telegram.EnqueueTextMessage(group, "/health", fromUserId: 42);
        await h.MessageAsync("healthy", group);
        Assert.Equal(pid, h.Daemon.Pids()["alpha"]);
        Assert.Contains("refused 'restart' from user 7", h.Log.Text, StringComparison.Ordinal);

        h.Telegram.EnqueueTextMessage(group, "/restart alpha", fromUserId: 42);
        await h.OutcomeAsync("restarting <b>alpha</b>", "restarted alpha", group);
        Assert.NotEqual(pid, h.Daemon.Pids()["alpha"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Start_reload_and_help_work_end_to_end()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "")]);
        await h.MessageAsync("supervisor started");
        await h.Daemon.Programs().StopAsync(h.Daemon.Programs().Resolve("alpha")!, byOperator: true);

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/start alpha");
        await h.OutcomeAsync("starting <b>alpha</b>", "started alpha");
        Assert.Equal(ProgramState.Running, h.Daemon.Programs().Find("alpha")!.State);

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/reload");
        await h.OutcomeAsync("reloading the configuration", "reload applied: no changes");

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/help");
        var help = await h.MessageAsync("/logs");
        Assert.Contains("/restart", help.Text, StringComparison.Ordinal);

        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/frobnicate");
        await h.MessageAsync("unknown command /frobnicate");
    }
}
