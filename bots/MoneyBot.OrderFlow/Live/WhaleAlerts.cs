using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Telegram;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// Whale alerts to the bot's Telegram chats (spec section 5). The first trade of a symbol at or above
/// <see cref="MinimumTier"/> opens a burst; the trades of that symbol in the next <see cref="BurstWindow"/>
/// join it; when the window closes, ONE message goes out: the trade itself, or a summary of the burst.
/// At most <see cref="MaxMessagesPerMinute"/> messages go out in any minute: past that, bursts are held
/// back for a minute and summed up in one message. <see cref="Add"/> never blocks the feed: messages go
/// through the outbox queue. With Telegram off every call does nothing, and the reason was logged once.
/// </summary>
public sealed partial class WhaleAlerts : IAsyncDisposable
{
    /// <summary>Alerts from this tier up unless configured: large (500k USD).</summary>
    public const WhaleTier DefaultMinimumTier = WhaleTier.Large;

    /// <summary>Messages a minute unless configured.</summary>
    public const int DefaultMaxMessagesPerMinute = 6;

    /// <summary>Trades listed in a burst's message unless configured (the largest ones).</summary>
    public const int DefaultMaxListedTrades = 10;

    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, WhaleBurst> _open = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WhaleBurst> _held = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<long> _sentAt = new();
    private readonly IReadOnlyList<ChatId> _chats;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TelegramBotClient? _client;
    private readonly TelegramOutbox? _outbox;
    private ITimer? _releaseHeld;
    private long _trades;
    private long _bursts;
    private long _messages;
    private long _burstsHeld;
    private bool _disposed;

    /// <summary>
    /// Creates the client and its outbox when <paramref name="settings"/> enables Telegram; logs why not otherwise.
    /// </summary>
    /// <param name="settings">The bot's Telegram token, chats and API URL.</param>
    /// <param name="minimumTier">The smallest tier alerted (<see cref="DefaultMinimumTier"/>: large).</param>
    /// <param name="burstWindow">How long a burst collects trades after its first (<see cref="DefaultBurstWindow"/>: 10
    /// s).</param>
    /// <param name="time">The local clock: burst windows and the message cap.</param>
    /// <param name="loggers">Where the state changes and the outbox's drops are logged.</param>
    /// <param name="outboxOptions">Queueing and pacing of the outbox; <see cref="TelegramOutboxOptions.Default"/> when
    /// null.</param>
    public WhaleAlerts(
        BotTelegramSettings settings,
        WhaleTier minimumTier,
        TimeSpan burstWindow,
        TimeProvider time,
        ILoggerFactory loggers,
        TelegramOutboxOptions? outboxOptions = null
    )
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        if (minimumTier is < WhaleTier.Small or > WhaleTier.Whale)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minimumTier),
                minimumTier,
                "The minimum whale-alert tier must be small, medium, large or whale."
            );
        }

        if (burstWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(burstWindow),
                burstWindow,
                "The whale-alert burst window must be positive (10 s, say)."
            );
        }

        MinimumTier = minimumTier;
        BurstWindow = burstWindow;
        _time = time;
        _logger = loggers.CreateLogger<WhaleAlerts>();
        _chats = settings.Chats;
        if (!settings.IsEnabled)
        {
            WhaleAlertLog.TelegramOff(_logger, settings.Problem ?? "no chat to send to");
            return;
        }

        _client = new TelegramBotClient(settings.Token, settings.ApiUrl, timeProvider: time);
        _outbox = new TelegramOutbox(_client, outboxOptions, time, loggers.CreateLogger<TelegramOutbox>());
        var tier = WhaleTiers.Name(minimumTier);
        WhaleAlertLog.TelegramOn(_logger, tier, burstWindow, settings.Token.Masked, _chats.Count);
    }

    /// <summary>10 seconds.</summary>
    public static TimeSpan DefaultBurstWindow { get; } = TimeSpan.FromSeconds(10);

    /// <summary>True when messages are sent.</summary>
    public bool Enabled => _outbox is not null;

    /// <summary>The smallest tier alerted.</summary>
    public WhaleTier MinimumTier { get; }

    /// <summary>How long a burst collects trades after its first.</summary>
    public TimeSpan BurstWindow { get; }

    /// <summary>Most messages in any minute (the held-back summary included); at least 1.</summary>
    public int MaxMessagesPerMinute
    {
        get;
        init =>
            field =
                value >= 1
                    ? value
                    : throw new ArgumentOutOfRangeException(
                        nameof(value),
                        value,
                        "Allow at least one whale-alert message a minute."
                    );
    } = DefaultMaxMessagesPerMinute;

    /// <summary>Most trades listed in a burst's message (the largest, oldest first); 0 lists none.</summary>
    public int MaxListedTrades
    {
        get;
        init =>
            field =
                value >= 0
                    ? value
                    : throw new ArgumentOutOfRangeException(
                        nameof(value),
                        value,
                        "The number of listed trades cannot be negative."
                    );
    } = DefaultMaxListedTrades;

    /// <summary>What the alerts have done since start.</summary>
    public WhaleAlertCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new WhaleAlertCounters(_trades, _bursts, _messages, _burstsHeld);
            }
        }
    }

    /// <summary>
    /// Takes one whale trade of <paramref name="symbol"/> (below <see cref="MinimumTier"/>: ignored). Opens a burst
    /// or joins the open one; returns at once.
    /// </summary>
    public void Add(string symbol, in WhaleTrade trade)
    {
        if (_outbox is null || trade.Tier < MinimumTier)
        {
            return;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _trades++;
            if (!_open.TryGetValue(symbol, out var burst))
            {
                burst = new WhaleBurst(symbol, MaxListedTrades);
                _open.Add(symbol, burst);
                burst.Timer = _time.CreateTimer(
                    state => Close((WhaleBurst)state!),
                    burst,
                    BurstWindow,
                    Timeout.InfiniteTimeSpan
                );
            }

            burst.Add(trade);
        }
    }

    /// <summary>
    /// Completes when no alert is queued or being delivered (open and held-back bursts are not alerts yet).
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) =>
        _outbox is null ? Task.CompletedTask : _outbox.WhenIdleAsync(cancellationToken);

    /// <summary>
    /// Sends the open bursts and the held-back summary now, then waits, at most <paramref name="timeout"/>, for the
    /// queue to empty (for a shutdown that keeps the last alerts).
    /// </summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_outbox is null)
        {
            return;
        }

        WhaleBurst[] closing;
        lock (_gate)
        {
            closing = [.. _open.Values];
        }

        foreach (var burst in closing)
        {
            Close(burst);
        }

        ReleaseHeld();
        try
        {
            await WhenIdleAsync(cancellationToken).WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            WhaleAlertLog.FlushTimedOut(_logger, timeout);
        }
    }

    /// <summary>
    /// Stops the timers and the delivery loops (bounded by the outbox's stop timeout); open bursts are not sent.
    /// Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        int unsentTrades;
        int unsentBursts;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var burst in _open.Values)
            {
                burst.Timer?.Dispose();
            }

            _releaseHeld?.Dispose();
            unsentTrades = _open.Values.Sum(b => b.Count) + _held.Values.Sum(b => b.Count);
            unsentBursts = _open.Count + _held.Values.Sum(b => b.Bursts);
            _open.Clear();
            _held.Clear();
        }

        if (unsentTrades > 0)
        {
            WhaleAlertLog.StoppedWithUnsent(_logger, unsentTrades, unsentBursts);
        }

        if (_outbox is not null)
        {
            await _outbox.DisposeAsync();
        }

        _client?.Dispose();
    }

    // The burst's window is over: one message, or held back when the cap is reached.
    private void Close(WhaleBurst burst)
    {
        lock (_gate)
        {
            if (_disposed || !_open.TryGetValue(burst.Symbol, out var current) || current != burst)
            {
                return; // closed already (a flush and the timer raced)
            }

            _open.Remove(burst.Symbol);
            burst.Timer?.Dispose();
            _bursts++;
            if (!TryTakeSlot())
            {
                Hold(burst);
                return;
            }

            _messages++;
        }

        WhaleAlertLog.BurstSent(_logger, burst.Symbol, burst.Count);
        Send(
            burst.Count == 1
                ? WhaleAlertTexts.Single(burst.Symbol, burst.Largest)
                : WhaleAlertTexts.Burst(burst, MinimumTier)
        );
    }

    private void Send(string text)
    {
        foreach (var chat in _chats)
        {
            _outbox!.Enqueue(new OutgoingMessage(chat, text));
        }
    }
}
