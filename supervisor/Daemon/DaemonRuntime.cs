namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Runtime settings for the daemon process only. The .NET GC sizes its youngest generation from the CPU
/// cache (tens of MB here), so a daemon that allocates a little per restart or log chunk would sit at
/// 100+ MB RSS; a 2 MB gen0 budget keeps it small and flat at the cost of more, very cheap, collections.
/// These can only be set in the environment before the runtime starts, so <c>up</c> (and ./moneybot
/// for <c>daemon</c>) pass them, and the daemon removes them again so its children do not inherit them.
/// </summary>
public static class DaemonRuntime
{
    public static IReadOnlyDictionary<string, string> Environment { get; } =
        new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x200000" };

    /// <summary>
    /// Drops the daemon-only settings from this process's environment (after the runtime has read them).
    /// </summary>
    public static void KeepFromChildren()
    {
        foreach (var name in Environment.Keys)
        {
            System.Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>
    /// What files the daemon and its programs create may not grant: nothing to other users, no writing to the
    /// group. Logs, CSVs and state become 0640 and their directories 0750 (umask 027).
    /// </summary>
    public const UnixFileMode CreationMask =
        UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Applies <see cref="CreationMask"/> to this process (a stricter mask already in force stays) and so to every
    /// program it starts.
    /// </summary>
    public static void RestrictNewFiles()
    {
        var previous = Processes.NativeMethods.SetFileCreationMask(CreationMask);
        Processes.NativeMethods.SetFileCreationMask(previous | CreationMask);
    }

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and takes from it what <see cref="CreationMask"/> would not
    /// have granted (a log directory checked out or made before, 0755 say, becomes 0750).
    /// </summary>
    public static void CloseToOthers(string directory)
    {
        Directory.CreateDirectory(directory);
        var mode = File.GetUnixFileMode(directory);
        if ((mode & CreationMask) != 0)
        {
            File.SetUnixFileMode(directory, mode & ~CreationMask);
        }
    }
}
