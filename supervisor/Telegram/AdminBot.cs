using Microsoft.Extensions.Logging;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// The supervisor's Telegram admin bot: notifications from the daemon's events, commands by long
/// polling, and scheduled reports, all through one client and one outbox. Absent (null) when no token
/// is configured; the log says so once.
/// </summary>
internal sealed partial class AdminBot : IAsyncDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);
    private readonly TelegramBotClient _client;
    private readonly TelegramOutbox _outbox;
    private readonly TelegramCommandListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task _notifying = Task.CompletedTask;
    private ReportScheduler? _scheduler;
    private int _disposed;

    private AdminBot(TelegramBotClient client, TelegramOutbox outbox, TelegramCommandListener listener, ILogger logger)
    {
        _client = client;
        _outbox = outbox;
        _listener = listener;
        _logger = logger;
    }

    public TelegramOutbox Outbox => _outbox;

    /// <summary>What is wrong with polling right now, for <c>status</c> (null: nothing).</summary>
    public string? Problem => _listener.Problem;

    /// <summary>
    /// Starts the bot for <paramref name="daemon"/>'s <c>telegram:</c> settings; null when Telegram is off.
    /// </summary>
    public static async Task<AdminBot?> StartAsync(
        SupervisorDaemon daemon,
        Func<ControlRequest, CancellationToken, Task<ControlResponse>> control,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken = default
    )
    {
        var logger = loggers.CreateLogger("telegram");
        var settings = daemon.Config.Telegram;
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
        var listener = new TelegramCommandListener(
            client,
            outbox,
            settings,
            new ChatCommandHandler(daemon, control),
            time,
            logger
        );
        var bot = new AdminBot(client, outbox, listener, logger);
        var notifier = new TelegramNotifier(
            outbox,
            settings,
            name => daemon.Programs?.Find(name)?.Logs.RecentErrorLines() ?? [],
            Environment.MachineName,
            logger
        );
        bot._notifying = bot.NotifyAsync(notifier, daemon.Events.SubscribeAsync(bot._stop.Token));
        bot._scheduler = await StartReportsAsync(settings, daemon.Reports, outbox, time, logger, cancellationToken)
            .ConfigureAwait(false);
        Log.On(logger, token.Masked, settings.ChatIds.Count, settings.ApiUrl);
        return bot;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _listener.DisposeAsync().ConfigureAwait(false);
        if (_scheduler is not null)
        {
            await _scheduler.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            // The notifier ends by itself after the daemon's last word; give it and the outbox a moment to deliver.
            await _notifying.WaitAsync(FlushTimeout).ConfigureAwait(false);
            await _outbox.WhenIdleAsync().WaitAsync(FlushTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.Undelivered(_logger, _outbox.Counters.Pending);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _notifying.ConfigureAwait(false);
        await _outbox.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
    }

    private static async Task<ReportScheduler?> StartReportsAsync(
        TelegramSettings settings,
        ReportBuilder reports,
        TelegramOutbox outbox,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken
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

        return await ReportScheduler
            .StartAsync(
                [
                    ("health_report", settings.HealthReportCron, _ => SendHealth()),
                    ("daily_summary", settings.DailySummaryCron, _ => Send(reports.DailySummary())),
                ],
                logger,
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    private async Task NotifyAsync(TelegramNotifier notifier, IAsyncEnumerable<SupervisorEvent> events)
    {
        try
        {
            await foreach (var evt in events.ConfigureAwait(false))
            {
                if (notifier.Handle(evt))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed before the daemon said goodbye
        }
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

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: {Pending} message(s) not delivered before shutdown"
        )]
        public static partial void Undelivered(ILogger logger, int pending);
    }
}
