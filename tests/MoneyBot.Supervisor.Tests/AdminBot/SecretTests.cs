using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Tests.Daemon;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.AdminBot;

public sealed class SecretTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_bot_token_appears_in_no_log_no_status_output_and_no_error_text()
    {
        await using var h = await AdminBotHarness.StartAsync([("alpha", "--env, LEAK")], telegramExtra: string.Empty);
        await h.MessageAsync("supervisor started");
        h.Telegram.FailNext("sendMessage", 500, count: 2);
        h.Telegram.EnqueueTextMessage(AdminBotHarness.AdminChat, "/status");
        await h.MessageAsync("Programs");

        var status = await new ControlClient(h.Daemon.Config.Daemon.SocketPath).SendAsync(
            new SupervisorCommand.Status()
        );
        var outputLog = await File.ReadAllTextAsync(ProgramLogs.OutPath(h.Daemon.Config.Daemon.LogDir, "alpha"));

        Assert.DoesNotContain(AdminBotHarness.Token, h.Log.Text, StringComparison.Ordinal);
        Assert.Contains("123456:***", h.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(
            AdminBotHarness.Token,
            System.Text.Encoding.UTF8.GetString(ControlCodec.EncodeResponse(status!)),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("TEST-secret", outputLog, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_printing_a_secret_has_it_masked_in_its_log_file()
    {
        await using var h = await AdminBotHarness.StartAsync(
            [("leaky", "--env, TELEGRAM_BOT_TOKEN")],
            telegramExtra: string.Empty
        );
        var config = h.Daemon.Config;
        await h.MessageAsync("supervisor started");

        // The program's env gets the token from the config (as the bots will): rewrite and reload to add it.
        var yaml = await File.ReadAllTextAsync(config.SourcePath);
        await File.WriteAllTextAsync(
            config.SourcePath,
            yaml.Replace(
                "    args: [--env, TELEGRAM_BOT_TOKEN]\n",
                $"    args: [--env, TELEGRAM_BOT_TOKEN]\n    env: {{ TELEGRAM_BOT_TOKEN: "
                    + $"\"{AdminBotHarness.Token}\" }}\n",
                StringComparison.Ordinal
            )
        );
        await h.Daemon.Daemon.ReloadAsync();
        var line = await LogLines.WaitForAsync(
            ProgramLogs.OutPath(config.Daemon.LogDir, "leaky"),
            "env TELEGRAM_BOT_TOKEN=123456"
        );

        Assert.Equal("env TELEGRAM_BOT_TOKEN=123456:***", line);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_a_token_everything_works_and_the_log_says_once_that_telegram_is_off()
    {
        var log = new CapturingLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log.Provider));
        await using var h = await DaemonHarness.StartAsync(
            Sandbox.ProgramsYaml("  start_secs: 0", ("alpha", "")),
            configure: o => o with { LoggerFactory = loggers }
        );
        await h.Programs().StartAsync(h.Programs().AutostartSet(), byOperator: false);

        Assert.Single(log.Text.Split('\n'), l => l.Contains("telegram is off", StringComparison.Ordinal));
        Assert.Equal(MoneyBot.Supervisor.Supervision.ProgramState.Running, h.Programs().Find("alpha")!.State);
    }
}
