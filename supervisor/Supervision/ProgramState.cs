namespace MoneyBot.Supervisor.Supervision;

/// <summary>A program's state (supervisord's names).</summary>
public enum ProgramState
{
    Stopped,
    Starting,
    Running,
    Backoff,
    Stopping,
    Exited,
    Fatal,
}
