namespace MoneyBot.Common.Telegram;

/// <summary>One queued message, its parts, and the promise behind its receipt.</summary>
internal sealed class OutboxEntry(OutgoingMessage message, IReadOnlyList<string> parts, TimeSpan enqueuedAt)
{
    private readonly TaskCompletionSource<long?> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OutgoingMessage Message => message;

    /// <summary>The text split to Telegram's length limit.</summary>
    public IReadOnlyList<string> Parts => parts;

    /// <summary>Monotonic time of the enqueue (see <see cref="OutboxContext.Now"/>).</summary>
    public TimeSpan EnqueuedAt => enqueuedAt;

    /// <summary>Id of the first part delivered, if any.</summary>
    public long? FirstMessageId { get; set; }

    /// <summary>The part to deliver next (the earlier ones went out).</summary>
    public int NextPart { get; set; }

    /// <summary>Monotonic time of the first attempt to deliver it, if any.</summary>
    public TimeSpan? FirstAttemptAt { get; set; }

    /// <summary>Failed attempts since its last delivered part (transient failures: 5xx, network, timeouts).</summary>
    public int Failures { get; set; }

    /// <summary>Monotonic time before which it is not tried again (after a failure).</summary>
    public TimeSpan NotBefore { get; set; }

    /// <summary>Its node in its chat's queue while queued.</summary>
    public LinkedListNode<OutboxEntry>? ChatNode { get; set; }

    /// <summary>Its node in the list of droppable (non-critical) messages while queued.</summary>
    public LinkedListNode<OutboxEntry>? DroppableNode { get; set; }

    public Task<long?> Sent => _sent.Task;

    /// <summary>
    /// Resolves the receipt with the first delivered part's id (null: nothing went out). Later calls do nothing.
    /// </summary>
    public void Complete() => _sent.TrySetResult(FirstMessageId);
}
