namespace MoneyBot.Supervisor.Processes;

/// <summary>
/// What to run: an executable (absolute path, a path with a slash, or a name on PATH), its arguments, where and with
/// what environment (the whole of it, nothing is inherited: see <see cref="ChildEnvironment"/>).
/// </summary>
public sealed record ChildProcessSpec(
    string Command,
    IReadOnlyList<string> Args,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment
);
