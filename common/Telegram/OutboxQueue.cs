namespace MoneyBot.Common.Telegram;

/// <summary>
/// The messages of one outbox, queued per chat, bounded as a whole: past the capacity the oldest
/// non-critical message (of any chat) is pushed out. Also tracks when nothing is queued or in flight.
/// </summary>
internal sealed class OutboxQueue(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ChatId, LinkedList<OutboxEntry>> _chats = [];
    private readonly LinkedList<OutboxEntry> _droppable = new();
    private TaskCompletionSource _idle = Idle();
    private int _queued;
    private int _inFlight;

    /// <summary>Messages queued or being delivered.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queued + _inFlight;
            }
        }
    }

    /// <summary>
    /// Queues a message; returns the message pushed out to stay within capacity (possibly this one), or null.
    /// </summary>
    public OutboxEntry? Add(OutboxEntry entry)
    {
        lock (_gate)
        {
            if (_idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (!_chats.TryGetValue(entry.Message.ChatId, out var chat))
            {
                chat = new LinkedList<OutboxEntry>();
                _chats.Add(entry.Message.ChatId, chat);
            }

            entry.ChatNode = chat.AddLast(entry);
            if (!entry.Message.Critical)
            {
                entry.DroppableNode = _droppable.AddLast(entry);
            }

            _queued++;
            if (_queued <= capacity || _droppable.First is not { } oldest)
            {
                return null; // within capacity, or only critical messages queued: those stay
            }

            var victim = oldest.Value;
            Unlink(victim);
            return victim;
        }
    }

    /// <summary>
    /// Takes the next message of <paramref name="chatId"/>; it counts as in flight until <see cref="Done"/>.
    /// </summary>
    public bool TryTake(ChatId chatId, out OutboxEntry entry)
    {
        lock (_gate)
        {
            if (_chats.TryGetValue(chatId, out var chat) && chat.First is { } first)
            {
                entry = first.Value;
                _inFlight++; // before unlinking, so the queue never looks idle in between
                Unlink(entry);
                return true;
            }

            entry = null!;
            return false;
        }
    }

    /// <summary>A message taken with <see cref="TryTake"/> is finished (delivered or dropped).</summary>
    public void Done()
    {
        lock (_gate)
        {
            _inFlight--;
            SignalIfIdle();
        }
    }

    /// <summary>Removes and returns every queued message (at shutdown).</summary>
    public List<OutboxEntry> DrainAll()
    {
        lock (_gate)
        {
            var all = _chats.Values.SelectMany(c => c).ToList();
            foreach (var entry in all)
            {
                Unlink(entry);
            }

            return all;
        }
    }

    /// <summary>Completes when nothing is queued or in flight.</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private static TaskCompletionSource Idle()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }

    private void Unlink(OutboxEntry entry)
    {
        if (entry.ChatNode is { } chatNode)
        {
            chatNode.List!.Remove(chatNode);
            entry.ChatNode = null;
        }

        if (entry.DroppableNode is { } node)
        {
            _droppable.Remove(node);
            entry.DroppableNode = null;
        }

        _queued--;
        SignalIfIdle();
    }

    private void SignalIfIdle()
    {
        if (_queued + _inFlight == 0)
        {
            _idle.TrySetResult();
        }
    }
}
