using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Tests.Daemon;
using MoneyBot.Supervisor.Tests.Infrastructure;
using MoneyBot.Supervisor.Tests.Telegram;

namespace MoneyBot.Supervisor.Tests.AdminBot;

/// <summary>
/// A daemon with Telegram on, pointed at a fake Bot API server on loopback; the log captured unmasked.
/// </summary>
internal sealed class AdminBotHarness : IAsyncDisposable
{
    public const string Token = "123456:TEST-secret-token-value";
    public const long AdminChat = 1001;

    private AdminBotHarness(
        FakeTelegramServer telegram,
        DaemonHarness daemon,
        CapturingLogger log,
        ILoggerFactory loggers
    )
    {
        Telegram = telegram;
        Daemon = daemon;
        Log = log;
        Loggers = loggers;
    }

    public FakeTelegramServer Telegram { get; }

    public DaemonHarness Daemon { get; }

    public CapturingLogger Log { get; }

    private ILoggerFactory Loggers { get; }

    /// <param name="programs">testprog programs: name -> args.</param>
    /// <param name="telegramExtra">More YAML lines under telegram: (indented by 2).</param>
    /// <param name="defaults">YAML lines under defaults: (indented by 2).</param>
    /// <param name="server">Sets the fake server up before the daemon starts (failures, modes).</param>
    public static async Task<AdminBotHarness> StartAsync(
        (string Name, string Args)[] programs,
        string telegramExtra = "",
        string defaults = "  start_secs: 0\n  logs: { timestamps: false }",
        string? chatIds = null,
        string schedules = "{ health_report: off, daily_summary: off }",
        Action<FakeTelegramServer>? server = null
    )
    {
        var telegram = await FakeTelegramServer.StartAsync();
        server?.Invoke(telegram);
        var log = new CapturingLogger();
        var loggers = LoggerFactory.Create(b => b.AddProvider(log.Provider).SetMinimumLevel(LogLevel.Debug));
        var yaml =
            Sandbox.ProgramsYaml(defaults, programs)
            + "telegram:\n"
            + $"  token: \"{Token}\"\n"
            + $"  chat_ids: \"{chatIds ?? AdminChat.ToString(CultureInfo.InvariantCulture)}\"\n"
            + $"  api_url: {telegram.BaseUrl}\n"
            + $"  schedules: {schedules}\n"
            + telegramExtra;
        var daemon = await DaemonHarness.StartAsync(yaml, configure: o => o with { LoggerFactory = loggers });
        return new AdminBotHarness(telegram, daemon, log, loggers);
    }

    /// <summary>The next message sent to <paramref name="chat"/> whose text contains <paramref name="text"/>.</summary>
    public Task<RecordedRequest> MessageAsync(string text, long chat = AdminChat, string method = "sendMessage") =>
        Telegram.WaitForRequestAsync(r =>
            r.Method == method
            && r.Succeeded
            && r.ChatId == chat.ToString(CultureInfo.InvariantCulture)
            && r.Text?.Contains(text, StringComparison.Ordinal) == true
        );

    /// <summary>
    /// The answer to a command that takes a while: the note sent at once (containing <paramref name="progress"/>),
    /// then the edit of a message in the same chat with the outcome (containing <paramref name="outcome"/>).
    /// </summary>
    public async Task<RecordedRequest> OutcomeAsync(string progress, string outcome, long chat = AdminChat)
    {
        await MessageAsync(progress, chat);
        return await MessageAsync(outcome, chat, "editMessageText");
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        await Telegram.DisposeAsync();
        Loggers.Dispose();
    }
}
