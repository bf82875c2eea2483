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
    private readonly Messages _messages;
    private readonly IReadOnlyList<ChatId> _chats;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TelegramBotClient? _client;
    private readonly TelegramOutbox? _outbox;
    private ITimer? _statistics;
    private int _disposed;

    /// <summary>
    /// Creates the client and its outbox when <paramref name="settings"/> enables Telegram; logs why not otherwise.
    /// </summary>
    public TelegramSignals(
        BotTelegramSettings settings,
        Messages messages,
        TelegramOutboxOptions outboxOptions,
        TimeProvider time,
        ILoggerFactory loggers
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(loggers);
        _messages = messages;
        _time = time ?? TimeProvider.System;
        _logger = loggers.CreateLogger<TelegramSignals>();
        _chats = settings.Chats;
        if (!settings.IsEnabled)
        {
            LiveLog.TelegramOff(_logger, settings.Problem ?? "no chat to send to");
            return;
        }

        _client = new TelegramBotClient(settings.Token, settings.ApiUrl, timeProvider: _time);
        _outbox = new TelegramOutbox(_client, outboxOptions, _time, loggers.CreateLogger<TelegramOutbox>());
        LiveLog.TelegramOn(_logger, settings.Token.Masked, _chats.Count);
    }

    /// <summary>True when messages are sent.</summary>
    public bool Enabled => _outbox is not null;

    /// <summary>The bot started, resuming <paramref name="resumed"/> if a position was open.</summary>
    public void Startup(TradingSettings settings, Position? resumed)
    {
        if (Enabled)
        {
            Send(_messages.Startup(settings, resumed));
        }
    }

    /// <summary>The messages of one processed candle (gap, reversal with P&amp;L, entry, expiry), if any.</summary>
    public void Candle(CandleResult result)
    {
        if (Enabled)
        {
            foreach (var text in SignalComposer.Compose(_messages, result))
            {
                Send(text);
            }
        }
    }

    /// <summary>Sends the statistics every <paramref name="interval"/> (first one after a full interval).</summary>
    public void StartStatistics(TimeSpan interval, Func<StatisticsReport> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Enabled && interval > TimeSpan.Zero && _statistics is null)
        {
            _statistics = _time.CreateTimer(_ => Send(_messages.Statistics(report())), null, interval, interval);
        }
    }

    /// <summary>Sends the stop message and waits, at most <paramref name="timeout"/>, for the queue to empty.</summary>
    public async Task StopAsync(string reason, TradeStatistics totals, TimeSpan timeout)
    {
        _statistics?.Dispose();
        if (_outbox is null)
        {
            return;
        }

        Send(_messages.Stop(reason, totals));
        try
        {
            await _outbox.WhenIdleAsync().WaitAsync(timeout, _time);
        }
        catch (TimeoutException)
        {
            LiveLog.StopMessageTimedOut(_logger, timeout);
        }
    }

    /// <summary>
    /// Stops the statistics and the delivery loops (bounded by the outbox's stop timeout). Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _statistics?.Dispose();
        if (_outbox is not null)
        {
            await _outbox.DisposeAsync();
        }

        _client?.Dispose();
    }

    private void Send(string text)
    {
        foreach (var chat in _chats)
        {
            _outbox!.Enqueue(new OutgoingMessage(chat, text));
        }
    }
}
