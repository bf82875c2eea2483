using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>
/// Fan-out of <see cref="SupervisorEvent"/>s. Publishing never blocks: each subscriber has a bounded
/// queue that drops its oldest event when full (counted in <see cref="Dropped"/>), so a slow consumer
/// (Telegram, say) cannot delay supervision.
/// </summary>
public sealed class EventBus
{
    private readonly Lock _gate = new();
    private readonly int _capacity;
    private Channel<SupervisorEvent>[] _subscribers = [];
    private long _dropped;

    public EventBus(int capacity = 1024) => _capacity = capacity;

    /// <summary>Events lost by slow subscribers.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(SupervisorEvent evt)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Writer.TryWrite(evt);
        }
    }

    /// <summary>Events published from now on until <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<SupervisorEvent> SubscribeAsync(CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<SupervisorEvent>(
            new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped)
        );
        lock (_gate)
        {
            _subscribers = [.. _subscribers, channel];
        }

        return ReadAsync(channel, cancellationToken);
    }

    private async IAsyncEnumerable<SupervisorEvent> ReadAsync(
        Channel<SupervisorEvent> channel,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        try
        {
            await foreach (var evt in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers = _subscribers.Where(s => s != channel).ToArray();
            }
        }
    }
}
