using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// The supervisor's Telegram admin bot: notifications from the daemon's events, commands by long polling, and
/// scheduled reports, all through one client and one outbox. It owns the client and the outbox; its
/// <see cref="Services"/> are started and stopped by the daemon with the others. Absent (null) when no token is
/// configured; the log says so once.
/// </summary>
internal sealed partial class AdminBot : IAsyncDisposable
{
    private readonly TelegramBotClient _client;
    private readonly TelegramOutbox _outbox;
    private int _disposed;

    private AdminBot(TelegramBotClient client, TelegramOutbox outbox, IReadOnlyList<IHostedService> services)
    {
        _client = client;
        _outbox = outbox;
        Services = services;
    }

    public TelegramOutbox Outbox => _outbox;

    /// <summary>Notifications, commands, then (when scheduled) reports: started in this order.</summary>
    public IReadOnlyList<IHostedService> Services { get; }

    /// <summary>The bot for these <c>telegram:</c> settings; null when Telegram is off.</summary>
    /// <param name="settings">The <c>telegram:</c> section.</param>
    /// <param name="run">Carries out the chat's commands (the same handler as the control socket's).</param>
    /// <param name="events">The daemon's events, turned into notifications.</param>
    /// <param name="recentErrorLines">A program's last stderr lines, quoted in FATAL notices.</param>
    /// <param name="reports">The scheduled reports.</param>
    /// <param name="problems">Where polling problems are reported for <c>status</c>.</param>
    /// <param name="time">Clock for pacing and polling.</param>
    /// <param name="loggers">The daemon's loggers.</param>
    public static AdminBot? Create(
        TelegramSettings settings,
        Func<SupervisorCommand, CancellationToken, Task<CommandResult>> run,
        EventBus events,
        Func<string, IReadOnlyList<string>> recentErrorLines,
        ReportBuilder reports,
        ServiceProblems problems,
        TimeProvider time,
        ILoggerFactory loggers
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("telegram");
        if (!settings.Enabled)
        {
            Log.Off(logger);
            return null;
        }

        if (!TelegramToken.TryParse(settings.Token, out var token))
        {
            Log.BadToken(logger);
            return null;
        }

        var client = new TelegramBotClient(token, settings.ApiUrl, timeProvider: time);
        var outbox = new TelegramOutbox(
            client,
            TelegramOutboxOptions.Default with
            {
                MaxAge = settings.MessageMaxAge,
                // A failing message no longer holds back its chat (it waits behind the newer ones), so a crash
                // notice may keep trying through an outage of Telegram for as long as it may wait at all.
                RetryBudget = settings.MessageMaxAge,
            },
            time,
            loggers.CreateLogger<TelegramOutbox>()
        );
        var notifier = new TelegramNotifier(outbox, settings, recentErrorLines, Environment.MachineName, logger);
        List<IHostedService> services =
        [
            new TelegramNotifications(events, notifier, outbox, logger),
            new TelegramCommandListener(client, outbox, settings, new ChatCommandHandler(run), problems, time, logger),
        ];
        if (Reports(settings, reports, outbox, time, logger) is { } scheduler)
        {
            services.Add(scheduler);
        }

        Log.On(logger, token.Masked, settings.ChatIds.Count, settings.ApiUrl);
        return new AdminBot(client, outbox, services);
    }

    /// <summary>Closes the outbox (stopping the services flushed it; what is left is dropped) and the client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _outbox.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private static ReportScheduler? Reports(
        TelegramSettings settings,
        ReportBuilder reports,
        TelegramOutbox outbox,
        TimeProvider time,
        ILogger logger
    )
    {
        if (
            string.IsNullOrWhiteSpace(settings.HealthReportCron) && string.IsNullOrWhiteSpace(settings.DailySummaryCron)
        )
        {
            return null;
        }

        var chats = settings.ChatIds.Select(ChatId.Parse).ToList();
        var lastHealth = time.GetUtcNow();
        Task Send(Report report)
        {
            foreach (var chat in chats)
            {
                outbox.Enqueue(new OutgoingMessage(chat, report.ToHtml()) { DisableNotification = true });
            }

            return Task.CompletedTask;
        }

        Task SendHealth()
        {
            var since = lastHealth;
            lastHealth = time.GetUtcNow();
            return Send(reports.Health(since));
        }

        return new ReportScheduler(
            [
                ("health_report", settings.HealthReportCron, _ => SendHealth()),
                ("daily_summary", settings.DailySummaryCron, _ => Send(reports.DailySummary())),
            ],
            logger
        );
    }

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "telegram is off (no telegram.token configured): no notifications or remote commands"
        )]
        public static partial void Off(ILogger logger);

        [LoggerMessage(
            Level = LogLevel.Error,
            Message = "telegram is off: telegram.token is not a bot token (expected the form 123456789:ABC... "
                + "from @BotFather)"
        )]
        public static partial void BadToken(ILogger logger);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "telegram is on: bot {Token}, {Chats} admin chat(s), API {ApiUrl}"
        )]
        public static partial void On(ILogger logger, string token, int chats, Uri apiUrl);
    }
}
