using MoneyBot.Common.Resilience;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// How the admin bot polls: however the Bot API server answers, it is never polled in a tight loop, and start-up
/// calls are retried with a backoff of their own.
/// </summary>
internal sealed record CommandListenerOptions
{
    public static CommandListenerOptions Default { get; } = new();

    /// <summary>How long a getUpdates call may wait for an update (the Bot API's <c>timeout</c>).</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Least time between the starts of two getUpdates calls, even when the server answers at once (it should wait
    /// for an update; a misbehaving server or proxy does not).
    /// </summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delays after failed polls (errors, 409 Conflict), unless the answer says how long to wait.</summary>
    public BackoffPolicy PollBackoff { get; init; } =
        new(TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(1), 0.2, TimeSpan.FromMinutes(1));

    /// <summary>Delays between attempts of setMyCommands after transient failures.</summary>
    public BackoffPolicy MenuBackoff { get; init; } = BackoffPolicy.Default;

    /// <summary>Attempts of setMyCommands before giving up (a convenience: commands work without the menu).</summary>
    public int MenuAttempts { get; init; } = 10;
}
