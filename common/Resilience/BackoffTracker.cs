namespace MoneyBot.Common.Resilience;

/// <summary>
/// Counts consecutive failures against a <see cref="BackoffPolicy"/> and forgets them once a run
/// has lasted <see cref="BackoffPolicy.ResetAfter"/>. Not thread-safe: owned by one loop.
/// </summary>
public sealed class BackoffTracker(BackoffPolicy policy, Func<double> random01)
{
    /// <summary>Failures since the last reset.</summary>
    public int Attempt { get; private set; }

    /// <summary>
    /// Records a failure after a run of <paramref name="uptime"/> and returns the delay before the next try.
    /// </summary>
    public TimeSpan NextDelay(TimeSpan uptime)
    {
        if (uptime >= policy.ResetAfter)
        {
            Attempt = 0;
        }

        Attempt++;
        return policy.DelayFor(Attempt, random01());
    }

    /// <summary>Forgets all failures (after an operator start, for instance).</summary>
    public void Reset() => Attempt = 0;
}
