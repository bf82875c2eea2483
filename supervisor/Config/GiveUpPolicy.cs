namespace MoneyBot.Supervisor.Config;

/// <summary>
/// When restarting stops (<c>give_up:</c>): more than <paramref name="Restarts"/> restarts within
/// <paramref name="Within"/> puts the program in FATAL; after <paramref name="RetryAfter"/> (if set) one more attempt.
/// </summary>
public sealed record GiveUpPolicy(int Restarts, TimeSpan Within, TimeSpan? RetryAfter)
{
    /// <summary><c>{ restarts: 10, within: 10m, retry_after: 15m }</c>.</summary>
    public static GiveUpPolicy Default { get; } = new(10, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));
}
