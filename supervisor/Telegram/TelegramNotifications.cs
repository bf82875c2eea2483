using Microsoft.Extensions.Logging;
using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Feeds the daemon's events to the <see cref="TelegramNotifier"/> until the daemon's last word. Stopping first
/// gives that last word and the messages still queued a moment (<see cref="FlushTimeout"/>) to reach Telegram.
/// </summary>
internal sealed partial class TelegramNotifications(
    EventBus events,
    TelegramNotifier notifier,
    TelegramOutbox outbox,
    ILogger logger
) : EventSubscriber(events)
{
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The notifier ends by itself after the daemon's last word; then the outbox delivers what is queued.
        if (ExecuteTask is { } notifying)
        {
            await notifying
                .WaitAsync(FlushTimeout, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await outbox
            .WhenIdleAsync(cancellationToken)
            .WaitAsync(FlushTimeout, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (outbox.Counters.Pending > 0)
        {
            Log.Undelivered(logger, outbox.Counters.Pending);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool Handle(SupervisorEvent evt) => notifier.Handle(evt);

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "telegram: {Pending} message(s) not delivered before shutdown"
        )]
        public static partial void Undelivered(ILogger logger, int pending);
    }
}
