namespace MoneyBot.ExchangeSim.Market;

/// <summary>How far the pump has advanced the markets, with waits on a simulated time. Thread-safe.</summary>
internal sealed class MarketProgress(long processedMs)
{
    private readonly Lock _sync = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private long _processed = processedMs;

    public long Processed
    {
        get
        {
            lock (_sync)
            {
                return _processed;
            }
        }
    }

    public void Report(long timeMs)
    {
        List<TaskCompletionSource> done = [];
        lock (_sync)
        {
            _processed = Math.Max(_processed, timeMs);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= _processed)
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
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
        lock (_sync)
        {
            if (_processed >= timeMs)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((timeMs, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }
}
