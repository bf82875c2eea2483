using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>
/// Records every event of an <see cref="EventBus"/> from its creation on, and lets a test wait for the
/// next one that matches (each match moves a cursor, so sequences can be asserted in order).
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private readonly List<SupervisorEvent> _events = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cursor;

    public EventRecorder(EventBus bus)
    {
        var subscription = bus.SubscribeAsync(_stop.Token);
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var evt in subscription)
                {
                    lock (_gate)
                    {
                        _events.Add(evt);
                        _changed.TrySetResult();
                        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // disposed
            }
        });
    }

    public IReadOnlyList<SupervisorEvent> All
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>State changes of <paramref name="program"/> so far, as "FROM->TO".</summary>
    public IReadOnlyList<string> Transitions(string program) =>
        All.OfType<ProgramStateChanged>().Where(e => e.Program == program).Select(e => $"{e.From}->{e.To}").ToList();

    /// <summary>
    /// Waits until <paramref name="program"/> has made as many transitions as <paramref name="expected"/> lists
    /// (events arrive asynchronously), then asserts they are exactly those.
    /// </summary>
    public async Task AssertTransitionsAsync(string program, IReadOnlyList<string> expected, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (Transitions(program).Count < expected.Count && !cts.IsCancellationRequested)
        {
            Task wait;
            lock (_gate)
            {
                wait = _changed.Task;
            }

            if (Transitions(program).Count >= expected.Count)
            {
                break;
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                break; // the assertion below reports what arrived
            }
        }

        Assert.Equal(expected, Transitions(program));
    }

    /// <summary>The next event after the cursor that is a <typeparamref name="T"/> and matches.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : SupervisorEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                for (var i = _cursor; i < _events.Count; i++)
                {
                    if (_events[i] is T hit && (match?.Invoke(hit) ?? true))
                    {
                        _cursor = i + 1;
                        return hit;
                    }
                }

                wait = _changed.Task;
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"no matching {typeof(T).Name} within {timeout ?? DefaultTimeout}; saw: "
                        + string.Join("; ", All.Select(e => e.ToString()))
                );
            }
        }
    }

    /// <summary>The next transition of <paramref name="program"/> into <paramref name="to"/>.</summary>
    public Task<ProgramStateChanged> NextStateAsync(string program, ProgramState to, TimeSpan? timeout = null) =>
        NextAsync<ProgramStateChanged>(e => e.Program == program && e.To == to, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }
}
