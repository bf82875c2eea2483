namespace MoneyBot.Common.Telegram;

/// <summary>
/// Sliding-window rate limits ("at most N sends per window", several at once) on a monotonic clock.
/// Thread-safe.
/// </summary>
internal sealed class RatePacer
{
    private readonly (int Limit, TimeSpan Window)[] _rules;
    private readonly int _keep;
    private readonly List<TimeSpan> _sends = [];
    private readonly Lock _gate = new();

    public RatePacer(params (int Limit, TimeSpan Window)[] rules)
    {
        _rules = [.. rules.Where(r => r.Limit > 0 && r.Window > TimeSpan.Zero)];
        _keep = _rules.Length == 0 ? 0 : _rules.Max(r => r.Limit);
    }

    /// <summary>How long from <paramref name="now"/> until a send is allowed (zero or less: now).</summary>
    public TimeSpan Delay(TimeSpan now)
    {
        lock (_gate)
        {
            return DelayLocked(now);
        }
    }

    /// <summary>Records a send at <paramref name="now"/>.</summary>
    public void Record(TimeSpan now)
    {
        lock (_gate)
        {
            RecordLocked(now);
        }
    }

    /// <summary>
    /// Records a send at <paramref name="now"/> if one is allowed and returns zero; otherwise returns the wait.
    /// </summary>
    public TimeSpan TryAcquire(TimeSpan now)
    {
        lock (_gate)
        {
            var wait = DelayLocked(now);
            if (wait <= TimeSpan.Zero)
            {
                RecordLocked(now);
            }

            return wait;
        }
    }

    private TimeSpan DelayLocked(TimeSpan now)
    {
        var wait = TimeSpan.Zero;
        foreach (var (limit, window) in _rules)
        {
            if (_sends.Count >= limit)
            {
                var freeAt = _sends[_sends.Count - limit] + window;
                wait = freeAt - now > wait ? freeAt - now : wait;
            }
        }

        return wait;
    }

    private void RecordLocked(TimeSpan now)
    {
        if (_keep == 0)
        {
            return;
        }

        _sends.Add(now);
        if (_sends.Count > _keep)
        {
            _sends.RemoveRange(0, _sends.Count - _keep);
        }
    }
}
