namespace MoneyBot.Dashboard.Tests.Infrastructure;

/// <summary>Waits for a condition by checking it again (every 100 ms) until it holds or the time is up.</summary>
internal static class Eventually
{
    /// <summary>
    /// The first value of <paramref name="read"/> that <paramref name="accept"/> accepts; fails with
    /// <paramref name="what"/> and the last value seen after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> accept, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        T last = default!;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await read();
                lastError = null;
                if (accept(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lastError = e; // not there yet (a page still loading, a file being written)
            }
        } while (await WaitAsync(tick, deadline.Token));

        throw new TimeoutException(
            $"{what}: not within {timeout.TotalSeconds:0}s; last seen: {(lastError is null ? last : lastError.Message)}"
        );
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        ValueAsync(() => Task.FromResult(condition()), ok => ok, timeout, what);

    private static async Task<bool> WaitAsync(PeriodicTimer tick, CancellationToken deadline)
    {
        try
        {
            return await tick.WaitForNextTickAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
