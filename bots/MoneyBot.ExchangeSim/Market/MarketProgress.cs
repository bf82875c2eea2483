namespace MoneyBot.ExchangeSim.Market;

/// <summary>How far the pump has advanced the markets, with waits on a simulated time. Thread-safe.</summary>
internal sealed class MarketProgress(long processedMs)
{
    private readonly Lock sync = new();
    private readonly List<(long Target, TaskCompletionSource Done)> waiters = [];
    private long processed = processedMs;

    public long Processed
    {
        get
        {
            lock (sync)
            {
                return processed;
            }
        }
    }

    public void Report(long timeMs)
    {
        List<TaskCompletionSource> done = [];
        lock (sync)
        {
            processed = Math.Max(processed, timeMs);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Target <= processed)
                {
                    done.Add(waiters[i].Done);
                    waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult();
        }
    }

    public Task WaitForAsync(long timeMs, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (processed >= timeMs)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((timeMs, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }
}
