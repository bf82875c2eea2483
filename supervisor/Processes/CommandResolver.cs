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

        return SearchPath(environment).Select(dir => Path.Combine(dir, command)).FirstOrDefault(IsExecutable);
    }

    /// <summary>
    /// Why <see cref="Resolve"/> found nothing, for people: missing, a directory, or a file without execute
    /// permission (with the fix).
    /// </summary>
    public static string WhyNotRunnable(
        string command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment
    )
    {
        var candidates = command.Contains('/', StringComparison.Ordinal)
            ? [Path.GetFullPath(command, workingDirectory)]
            : SearchPath(environment).Select(dir => Path.Combine(dir, command)).ToList();
        if (candidates.FirstOrDefault(Directory.Exists) is { } directory)
        {
            return $"command '{command}': {directory} is a directory, not a program";
        }

        if (candidates.FirstOrDefault(File.Exists) is { } file)
        {
            return $"command '{command}': {file} is not executable (no execute permission; chmod +x {file})";
        }

        return command.Contains('/', StringComparison.Ordinal)
            ? $"command '{command}' not found: {candidates[0]} does not exist"
            : $"command '{command}' not found on PATH ({string.Join(':', SearchPath(environment))})";
    }

    private static string[] SearchPath(IReadOnlyDictionary<string, string> environment)
    {
        var path = environment.TryGetValue("PATH", out var own)
            ? own
            : Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (
            File.GetUnixFileMode(path)
            & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)
        ) != 0;
}
