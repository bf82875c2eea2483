namespace MoneyBot.Supervisor.Config;

/// <summary>When a started program counts as RUNNING (<c>ready:</c>).</summary>
public enum ReadyMode
{
    /// <summary><c>start_secs</c>: after it has stayed up for <c>start_secs</c>.</summary>
    StartSecs,

    /// <summary>
    /// <c>notify</c>: when it sends READY=1 on NOTIFY_SOCKET (within <c>ready_timeout</c>, else a failed start).
    /// </summary>
    Notify,
}
