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

    private readonly Lock gate = new();
    private readonly Dictionary<string, WhaleBurst> open = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WhaleBurst> held = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<long> sentAt = new();
    private readonly IReadOnlyList<ChatId> chats;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TelegramBotClient? client;
    private readonly TelegramOutbox? outbox;
    private ITimer? releaseHeld;
    private long trades;
    private long bursts;
    private long messages;
    private long burstsHeld;
    private bool disposed;

    /// <summary>Creates the client and its outbox when <paramref name="settings"/> enables Telegram; logs why not otherwise.</summary>
    /// <param name="settings">The bot's Telegram token, chats and API URL.</param>
    /// <param name="minimumTier">The smallest tier alerted (<see cref="DefaultMinimumTier"/>: large).</param>
    /// <param name="burstWindow">How long a burst collects trades after its first (<see cref="DefaultBurstWindow"/>: 10 s).</param>
    /// <param name="time">The local clock: burst windows and the message cap.</param>
    /// <param name="loggers">Where the state changes and the outbox's drops are logged.</param>
    /// <param name="outboxOptions">Queueing and pacing of the outbox; <see cref="TelegramOutboxOptions.Default"/> when null.</param>
    public WhaleAlerts(
        BotTelegramSettings settings,
        WhaleTier minimumTier,
        TimeSpan burstWindow,
        TimeProvider time,
        ILoggerFactory loggers,
        TelegramOutboxOptions? outboxOptions = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        if (minimumTier is < WhaleTier.Small or > WhaleTier.Whale)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumTier), minimumTier, "The minimum whale-alert tier must be small, medium, large or whale.");
        }

        if (burstWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(burstWindow), burstWindow, "The whale-alert burst window must be positive (10 s, say).");
        }

        MinimumTier = minimumTier;
        BurstWindow = burstWindow;
        this.time = time;
        logger = loggers.CreateLogger<WhaleAlerts>();
        chats = settings.Chats;
        if (!settings.IsEnabled)
        {
            WhaleAlertLog.TelegramOff(logger, settings.Problem ?? "no chat to send to");
            return;
        }

        client = new TelegramBotClient(settings.Token, settings.ApiUrl, timeProvider: time);
        outbox = new TelegramOutbox(client, outboxOptions, time, loggers.CreateLogger<TelegramOutbox>());
        var tier = WhaleTiers.Name(minimumTier);
        WhaleAlertLog.TelegramOn(logger, tier, burstWindow, settings.Token.Masked, chats.Count);
    }

    /// <summary>10 seconds.</summary>
    public static TimeSpan DefaultBurstWindow { get; } = TimeSpan.FromSeconds(10);

    /// <summary>True when messages are sent.</summary>
    public bool Enabled => outbox is not null;

    /// <summary>The smallest tier alerted.</summary>
    public WhaleTier MinimumTier { get; }

    /// <summary>How long a burst collects trades after its first.</summary>
    public TimeSpan BurstWindow { get; }

    /// <summary>Most messages in any minute (the held-back summary included); at least 1.</summary>
    public int MaxMessagesPerMinute
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Allow at least one whale-alert message a minute.");
    } = DefaultMaxMessagesPerMinute;

    /// <summary>Most trades listed in a burst's message (the largest, oldest first); 0 lists none.</summary>
    public int MaxListedTrades
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of listed trades cannot be negative.");
    } = DefaultMaxListedTrades;

    /// <summary>What the alerts have done since start.</summary>
    public WhaleAlertCounters Counters
    {
        get
        {
            lock (gate)
            {
                return new WhaleAlertCounters(trades, bursts, messages, burstsHeld);
            }
        }
    }

    /// <summary>
    /// Takes one whale trade of <paramref name="symbol"/> (below <see cref="MinimumTier"/>: ignored). Opens a burst
    /// or joins the open one; returns at once.
    /// </summary>
    public void Add(string symbol, in WhaleTrade trade)
    {
        if (outbox is null || trade.Tier < MinimumTier)
        {
            return;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            trades++;
            if (!open.TryGetValue(symbol, out var burst))
            {
                burst = new WhaleBurst(symbol, MaxListedTrades);
                open.Add(symbol, burst);
                burst.Timer = time.CreateTimer(state => Close((WhaleBurst)state!), burst, BurstWindow, Timeout.InfiniteTimeSpan);
            }

            burst.Add(trade);
        }
    }

    /// <summary>Completes when no alert is queued or being delivered (open and held-back bursts are not alerts yet).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) =>
        outbox is null ? Task.CompletedTask : outbox.WhenIdleAsync(cancellationToken);

    /// <summary>
    /// Sends the open bursts and the held-back summary now, then waits, at most <paramref name="timeout"/>, for the
    /// queue to empty (for a shutdown that keeps the last alerts).
    /// </summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (outbox is null)
        {
            return;
        }

        WhaleBurst[] closing;
        lock (gate)
        {
            closing = [.. open.Values];
        }

        foreach (var burst in closing)
        {
            Close(burst);
        }

        ReleaseHeld();
        try
        {
            await WhenIdleAsync(cancellationToken).WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            WhaleAlertLog.FlushTimedOut(logger, timeout);
        }
    }

    /// <summary>Stops the timers and the delivery loops (bounded by the outbox's stop timeout); open bursts are not sent. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        int unsentTrades;
        int unsentBursts;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var burst in open.Values)
            {
                burst.Timer?.Dispose();
            }

            releaseHeld?.Dispose();
            unsentTrades = open.Values.Sum(b => b.Count) + held.Values.Sum(b => b.Count);
            unsentBursts = open.Count + held.Values.Sum(b => b.Bursts);
            open.Clear();
            held.Clear();
        }

        if (unsentTrades > 0)
        {
            WhaleAlertLog.StoppedWithUnsent(logger, unsentTrades, unsentBursts);
        }

        if (outbox is not null)
        {
            await outbox.DisposeAsync();
        }

        client?.Dispose();
    }

    // The burst's window is over: one message, or held back when the cap is reached.
    private void Close(WhaleBurst burst)
    {
        lock (gate)
        {
            if (disposed || !open.TryGetValue(burst.Symbol, out var current) || current != burst)
            {
                return; // closed already (a flush and the timer raced)
            }

            open.Remove(burst.Symbol);
            burst.Timer?.Dispose();
            bursts++;
            if (!TryTakeSlot())
            {
                Hold(burst);
                return;
            }

            messages++;
        }

        WhaleAlertLog.BurstSent(logger, burst.Symbol, burst.Count);
        Send(burst.Count == 1 ? WhaleAlertTexts.Single(burst.Symbol, burst.Largest) : WhaleAlertTexts.Burst(burst, MinimumTier));
    }

    private void Send(string text)
    {
        foreach (var chat in chats)
        {
            outbox!.Enqueue(new OutgoingMessage(chat, text));
        }
    }
}
