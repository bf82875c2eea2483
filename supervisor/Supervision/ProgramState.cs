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

/// <summary>How states are written for people and on the wire.</summary>
public static class ProgramStateNames
{
    private static readonly string[] Labels = Enum.GetValues<ProgramState>()
        .Select(s => s.ToString().ToUpperInvariant())
        .ToArray();

    /// <summary>supervisord's spelling: <c>RUNNING</c>, <c>BACKOFF</c>, ...</summary>
    public static string Label(this ProgramState state) => Labels[(int)state];
}
