using System.Runtime.CompilerServices;

namespace MoneyBot.TestSupport;

/// <summary>
/// Reads an async sequence in the background and keeps every item, so a test can wait (on the
/// arrival of items, with a timeout) until what it expects has been seen.
/// </summary>
public sealed class Collector<T> : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<T> items = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? failure;
    private bool completed;

    internal Collector(IAsyncEnumerable<T>? source) => pump = source is null ? Task.CompletedTask : Task.Run(() => PumpAsync(source));

    /// <summary>Everything seen so far.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the items seen so far; returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(
        Func<IReadOnlyList<T>, bool> condition,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(condition))] string? what = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Collector.DefaultTimeout);
        while (true)
        {
            Task wait;
            IReadOnlyList<T> snapshot;
            lock (gate)
            {
                snapshot = [.. items];
                wait = changed.Task;
                if (failure is not null)
                {
                    throw new InvalidOperationException($"the sequence failed while waiting for {what}", failure);
                }
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            if (completed)
            {
                throw new InvalidOperationException($"the sequence ended before {what}; {snapshot.Count} items seen");
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"not seen within {timeout ?? Collector.DefaultTimeout}: {what}; {snapshot.Count} items, last: {(snapshot.Count > 0 ? snapshot[^1] : "none")}");
            }
        }
    }

    /// <summary>Records an item by hand (a collector made without a source).</summary>
    public void Add(T item) => Signal(() => items.Add(item));

    /// <summary>The first item (from the start) that matches, waiting for it.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null, [CallerArgumentExpression(nameof(match))] string? what = null)
    {
        var seen = await WaitUntilAsync(list => list.Any(match), timeout, what);
        return seen.First(match);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await pump.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerable<T> source)
    {
        try
        {
            await foreach (var item in source.WithCancellation(stop.Token))
            {
                Signal(() => items.Add(item));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex)
        {
            Signal(() => failure = ex);
        }
        finally
        {
            Signal(() => completed = true);
        }
    }

    private void Signal(Action change)
    {
        TaskCompletionSource done;
        lock (gate)
        {
            change();
            done = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
