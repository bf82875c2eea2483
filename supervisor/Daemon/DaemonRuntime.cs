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
}
