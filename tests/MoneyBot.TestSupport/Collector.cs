using System.Runtime.CompilerServices;

namespace MoneyBot.TestSupport;

/// <summary>
/// Reads an async sequence in the background and keeps every item, so a test can wait (on the
/// arrival of items, with a timeout) until what it expects has been seen.
/// </summary>
public sealed class Collector<T> : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private bool _completed;

    internal Collector(IAsyncEnumerable<T>? source) =>
        _pump = source is null ? Task.CompletedTask : Task.Run(() => PumpAsync(source));

    /// <summary>Everything seen so far.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the items seen so far; returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(
        Func<IReadOnlyList<T>, bool> condition,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(condition))] string? what = null
    )
    {
        using var cts = new CancellationTokenSource(timeout ?? Collector.DefaultTimeout);
        while (true)
        {
            Task wait;
            IReadOnlyList<T> snapshot;
            lock (_gate)
            {
                snapshot = [.. _items];
                wait = _changed.Task;
                if (_failure is not null)
                {
                    throw new InvalidOperationException($"the sequence failed while waiting for {what}", _failure);
                }
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            if (_completed)
            {
                throw new InvalidOperationException($"the sequence ended before {what}; {snapshot.Count} items seen");
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"not seen within {timeout ?? Collector.DefaultTimeout}: {what}; {snapshot.Count} items, "
                        + $"last: {(snapshot.Count > 0 ? snapshot[^1] : "none")}"
                );
            }
        }
    }

    /// <summary>Records an item by hand (a collector made without a source).</summary>
    public void Add(T item) => Signal(() => _items.Add(item));

    /// <summary>The first item (from the start) that matches, waiting for it.</summary>
    public async Task<T> WaitForAsync(
        Func<T, bool> match,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(match))] string? what = null
    )
    {
        var seen = await WaitUntilAsync(list => list.Any(match), timeout, what);
        return seen.First(match);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerable<T> source)
    {
        try
        {
            await foreach (var item in source.WithCancellation(_stop.Token))
            {
                Signal(() => _items.Add(item));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex)
        {
            Signal(() => _failure = ex);
        }
        finally
        {
            Signal(() => _completed = true);
        }
    }

    private void Signal(Action change)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            change();
            done = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
