using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MoneyBot.Common.Telegram;

/// <summary>
/// The outbound queue of one bot token. <see cref="Enqueue"/> never blocks and never throws for a
/// full queue. Each chat is delivered in order by its own loop, paced to Telegram's limits (per chat,
/// per group, per bot); flood control is waited out, network and server errors are retried with the
/// backoff policy, the failed message waiting behind the chat's other messages meanwhile. A non-critical message
/// is dropped (logged and counted) when it gets older than <see cref="TelegramOutboxOptions.MaxAge"/>, when it
/// keeps failing beyond <see cref="TelegramOutboxOptions.RetryBudget"/>, when Telegram refuses it, or when it is
/// the oldest non-critical one in a full queue; critical messages are never dropped while the outbox lives.
/// </summary>
public sealed class TelegramOutbox : IAsyncDisposable
{
    private readonly OutboxContext _context;
    private readonly Dictionary<ChatId, OutboxLane> _lanes = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _disposing;

    /// <summary>Creates the outbox; its loops start with the first message to each chat.</summary>
    /// <param name="client">The bot's client (not disposed by the outbox).</param>
    /// <param name="options">Limits and retry rules; <see cref="TelegramOutboxOptions.Default"/> when null.</param>
    /// <param name="timeProvider">Clock for pacing, retry delays and message age (system clock when null).</param>
    /// <param name="logger">Where drops, retries and recoveries are logged.</param>
    public TelegramOutbox(
        TelegramBotClient client,
        TelegramOutboxOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<TelegramOutbox>? logger = null
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= TelegramOutboxOptions.Default;
        options.Validate();
        _context = new OutboxContext(
            client,
            options,
            timeProvider ?? TimeProvider.System,
            logger ?? (ILogger)NullLogger.Instance
        );
    }

    /// <summary>Current counters: sent, dropped, retries, pending.</summary>
    public OutboxCounters Counters =>
        new(_context.Stats.Sent, _context.Stats.Dropped, _context.Stats.Retries, _context.Queue.Pending);

    /// <summary>
    /// Queues a message and returns at once. Texts over 4096 characters are split into several messages.
    /// After the outbox is disposed the message is not queued and its receipt says null.
    /// </summary>
    public OutboxReceipt Enqueue(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Text, nameof(message));
        IReadOnlyList<string> parts = message.Document is null ? TelegramHtml.Split(message.Text) : [message.Text];
        var entry = new OutboxEntry(message, parts, _context.Now());
        OutboxEntry? pushedOut;
        lock (_gate)
        {
            if (_disposing is not null)
            {
                entry.Complete();
                OutboxLog.EnqueuedAfterStop(_context.Logger, _context.BotId, message.ChatId);
                return new OutboxReceipt(entry.Sent);
            }

            pushedOut = _context.Queue.Add(entry);
            LaneFor(message.ChatId).Signal(); // inside the lock: a concurrent dispose cannot have released the lane yet
        }

        if (pushedOut is not null)
        {
            var dropped = _context.Stats.CountDropped();
            pushedOut.Complete();
            OutboxLog.DroppedQueueFull(
                _context.Logger,
                _context.BotId,
                _context.Options.Capacity,
                pushedOut.Message.ChatId,
                dropped
            );
        }

        return new OutboxReceipt(entry.Sent);
    }

    /// <summary>
    /// Completes when nothing is queued or being delivered (for a last message before shutdown, say).
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) =>
        _context.Queue.WhenIdle().WaitAsync(cancellationToken);

    /// <summary>
    /// Stops the delivery loops (waiting at most <see cref="TelegramOutboxOptions.StopTimeout"/>) and resolves the
    /// receipts of unsent messages with null. Call <see cref="WhenIdleAsync"/> first to let the queue drain.
    /// Idempotent.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposing ??= StopAsync();
            return new ValueTask(_disposing);
        }
    }

    private OutboxLane LaneFor(ChatId chatId)
    {
        if (!_lanes.TryGetValue(chatId, out var lane))
        {
            lane = new OutboxLane(chatId, _context);
            _lanes.Add(chatId, lane);
            lane.Start(_stop.Token);
        }

        return lane;
    }

    private async Task StopAsync()
    {
        await Task.Yield(); // leave the lock taken in DisposeAsync before waiting
        OutboxLane[] lanes;
        lock (_gate)
        {
            lanes = [.. _lanes.Values];
        }

        await _stop.CancelAsync();
        var all = Task.WhenAll(lanes.Select(l => l.Completion));
        try
        {
            await all.WaitAsync(_context.Options.StopTimeout, _context.Time);
        }
        catch (TimeoutException)
        {
            OutboxLog.StopTimedOut(_context.Logger, _context.BotId, _context.Options.StopTimeout);
        }

        var unsent = _context.Queue.DrainAll();
        foreach (var entry in unsent)
        {
            entry.Complete();
        }

        if (unsent.Count > 0)
        {
            OutboxLog.LeftUnsent(_context.Logger, _context.BotId, unsent.Count);
        }

        if (all.IsCompleted)
        {
            foreach (var lane in lanes)
            {
                lane.Dispose();
            }

            _stop.Dispose();
        }
    }
}
