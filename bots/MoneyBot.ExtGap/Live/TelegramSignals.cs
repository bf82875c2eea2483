using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Telegram;
using MoneyBot.ExtGap.Notifications;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// The bot's Telegram messages, through its own bot and chats: startup, gaps, reversals, entries,
/// expiries, periodic statistics, stop. Everything goes through the outbox queue, so sending never
/// blocks the candle loop. With Telegram off (no or bad credentials) every call does nothing, and
/// the reason was logged once.
/// </summary>
public sealed class TelegramSignals : IAsyncDisposable
{
    private readonly Messages messages;
    private readonly IReadOnlyList<ChatId> chats;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TelegramBotClient? client;
    private readonly TelegramOutbox? outbox;
    private ITimer? statistics;
    private int disposed;

    /// <summary>Creates the client and its outbox when <paramref name="settings"/> enables Telegram; logs why not otherwise.</summary>
    public TelegramSignals(BotTelegramSettings settings, Messages messages, TelegramOutboxOptions outboxOptions, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(loggers);
        this.messages = messages;
        this.time = time ?? TimeProvider.System;
        logger = loggers.CreateLogger<TelegramSignals>();
        chats = settings.Chats;
        if (!settings.IsEnabled)
        {
            LiveLog.TelegramOff(logger, settings.Problem ?? "no chat to send to");
            return;
        }

        client = new TelegramBotClient(settings.Token, settings.ApiUrl, timeProvider: this.time);
        outbox = new TelegramOutbox(client, outboxOptions, this.time, loggers.CreateLogger<TelegramOutbox>());
        LiveLog.TelegramOn(logger, settings.Token.Masked, chats.Count);
    }

    /// <summary>True when messages are sent.</summary>
    public bool Enabled => outbox is not null;

    /// <summary>The bot started, resuming <paramref name="resumed"/> if a position was open.</summary>
    public void Startup(TradingSettings settings, Position? resumed)
    {
        if (Enabled)
        {
            Send(messages.Startup(settings, resumed));
        }
    }

    /// <summary>The messages of one processed candle (gap, reversal with P&amp;L, entry, expiry), if any.</summary>
    public void Candle(CandleResult result)
    {
        if (Enabled)
        {
            foreach (var text in SignalComposer.Compose(messages, result))
            {
                Send(text);
            }
        }
    }

    /// <summary>Sends the statistics every <paramref name="interval"/> (first one after a full interval).</summary>
    public void StartStatistics(TimeSpan interval, Func<StatisticsReport> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Enabled && interval > TimeSpan.Zero && statistics is null)
        {
            statistics = time.CreateTimer(_ => Send(messages.Statistics(report())), null, interval, interval);
        }
    }

    /// <summary>Sends the stop message and waits, at most <paramref name="timeout"/>, for the queue to empty.</summary>
    public async Task StopAsync(string reason, TradeStatistics totals, TimeSpan timeout)
    {
        statistics?.Dispose();
        if (outbox is null)
        {
            return;
        }

        Send(messages.Stop(reason, totals));
        try
        {
            await outbox.WhenIdleAsync().WaitAsync(timeout, time);
        }
        catch (TimeoutException)
        {
            LiveLog.StopMessageTimedOut(logger, timeout);
        }
    }

    /// <summary>Stops the statistics and the delivery loops (bounded by the outbox's stop timeout). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        statistics?.Dispose();
        if (outbox is not null)
        {
            await outbox.DisposeAsync();
        }

        client?.Dispose();
    }

    private void Send(string text)
    {
        foreach (var chat in chats)
        {
            outbox!.Enqueue(new OutgoingMessage(chat, text));
        }
    }
}
