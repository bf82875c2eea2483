namespace MoneyBot.Common.Telegram;

/// <summary>
/// The messages of one outbox, queued per chat, bounded as a whole: past the capacity the oldest
/// non-critical message (of any chat) is pushed out. A message waiting to be retried stays queued but is
/// skipped until its time (<see cref="OutboxEntry.NotBefore"/>). Also tracks when nothing is queued or in flight.
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
    /// Takes the first message of <paramref name="chatId"/> that may go out at <paramref name="now"/>; it counts as
    /// in flight until <see cref="Done"/> or <see cref="Requeue"/>. When none may, <paramref name="wakeAt"/> says
    /// when the first waiting one may (null: nothing is queued for the chat).
    /// </summary>
    public bool TryTake(ChatId chatId, TimeSpan now, out OutboxEntry entry, out TimeSpan? wakeAt)
    {
        lock (_gate)
        {
            wakeAt = null;
            if (_chats.TryGetValue(chatId, out var chat))
            {
                for (var node = chat.First; node is not null; node = node.Next)
                {
                    if (node.Value.NotBefore <= now)
                    {
                        entry = node.Value;
                        _inFlight++; // before unlinking, so the queue never looks idle in between
                        Unlink(entry);
                        return true;
                    }

                    wakeAt =
                        wakeAt is { } earliest && earliest < node.Value.NotBefore ? earliest : node.Value.NotBefore;
                }
            }

            entry = null!;
            return false;
        }
    }

    /// <summary>
    /// Puts a message taken with <see cref="TryTake"/> back at the end of its chat's queue, behind the messages
    /// queued meanwhile (it waits for a retry: see <see cref="OutboxEntry.NotBefore"/>).
    /// </summary>
    public void Requeue(OutboxEntry entry)
    {
        lock (_gate)
        {
            entry.ChatNode = _chats[entry.Message.ChatId].AddLast(entry);
            if (!entry.Message.Critical)
            {
                entry.DroppableNode = _droppable.AddFirst(entry); // among the oldest: it was queued before the rest
            }

            _queued++;
            _inFlight--;
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
