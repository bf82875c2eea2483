namespace MoneyBot.Supervisor.Processes;

/// <summary>
/// What the daemon writes into every child's environment so that the child can be found again from outside,
/// whatever happened to the daemon: the run directory it belongs to and the daemon instance that started it. The
/// kernel copies it into the program at exec, before the daemon could record anything, and descendants inherit it;
/// a new daemon (or <c>down</c> with no daemon) reads <c>/proc/PID/environ</c> to find every leftover.
/// </summary>
/// <param name="RunDir">The absolute run directory of the daemon (one daemon per run directory, under its lock).
/// </param>
/// <param name="Instance">A fresh id per daemon process.</param>
public sealed record ChildMarker(string RunDir, string Instance)
{
    public const string RunDirVariable = "MONEYBOT_RUN_DIR";
    public const string InstanceVariable = "MONEYBOT_INSTANCE";
    public const string ProgramVariable = "MONEYBOT_PROGRAM";

    /// <summary>A marker for a new daemon of <paramref name="runDir"/>.</summary>
    public static ChildMarker ForNewDaemon(string runDir) =>
        new(Path.GetFullPath(runDir), Guid.NewGuid().ToString("N"));

    /// <summary>Adds the marker of <paramref name="program"/> to <paramref name="environment"/>.</summary>
    public void AddTo(IDictionary<string, string> environment, string program)
    {
        environment[RunDirVariable] = RunDir;
        environment[InstanceVariable] = Instance;
        environment[ProgramVariable] = program;
    }
}

/// <summary>A live process that carries a <see cref="ChildMarker"/>.</summary>
/// <param name="Pid">Its pid.</param>
/// <param name="StartTime">Its kernel start time (with the pid, its identity).</param>
/// <param name="Program">The program it was started for (or descends from).</param>
/// <param name="Instance">The daemon instance that started it.</param>
public sealed record MarkedProcess(int Pid, ulong StartTime, string Program, string Instance);
