namespace MoneyBot.Supervisor.Processes;

/// <summary>
/// Finds the executable a command names: a path (relative to the working directory) or a name on PATH.
/// </summary>
public static class CommandResolver
{
    /// <summary>The absolute path of an existing executable file, or null.</summary>
    public static string? Resolve(
        string command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment
    )
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command, workingDirectory);
            return IsExecutable(full) ? full : null;
        }

        var path = environment.TryGetValue("PATH", out var own)
            ? own
            : Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (
            File.GetUnixFileMode(path)
            & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)
        ) != 0;
}
