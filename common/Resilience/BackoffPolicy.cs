namespace MoneyBot.Common.Resilience;

/// <summary>
/// Exponential backoff with a cap, symmetric jitter and a reset after a stable period.
/// One policy type serves process restarts, websocket reconnects and Telegram retries.
/// </summary>
/// <param name="Initial">Delay before the first retry (may be zero).</param>
/// <param name="Factor">Multiplier per further attempt (&gt;= 1).</param>
/// <param name="Max">Cap on the delay before jitter.</param>
/// <param name="Jitter">Fraction (0..1) by which a delay may vary either way.</param>
/// <param name="ResetAfter">After this long without a failure the attempt count starts again.</param>
public sealed record BackoffPolicy(TimeSpan Initial, double Factor, TimeSpan Max, double Jitter, TimeSpan ResetAfter)
{
    /// <summary>The defaults of the spec: 1s doubling to 5m, 20% jitter, reset after 60s.</summary>
    public static BackoffPolicy Default { get; } =
        new(TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(5), 0.2, TimeSpan.FromSeconds(60));

    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (1-based):
    /// <c>Initial x Factor^(attempt-1)</c>, capped at <see cref="Max"/>, then moved by up to
    /// +-<see cref="Jitter"/> using <paramref name="random01"/> (a value in [0, 1); 0.5 means no jitter).
    /// </summary>
    public TimeSpan DelayFor(int attempt, double random01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var baseTicks = Initial.Ticks * Math.Pow(Factor, attempt - 1);
        var capped = Math.Min(baseTicks, Max.Ticks);
        var jittered = capped * (1 + (Jitter * ((2 * random01) - 1)));
        return TimeSpan.FromTicks((long)Math.Max(0, jittered));
    }
}
