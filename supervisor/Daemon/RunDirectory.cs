namespace MoneyBot.Supervisor.Daemon;

/// <summary>The run directory holds the control socket and state: private to its owner (0700).</summary>
public static class RunDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates it, or tightens an existing one, to mode 0700.</summary>
    public static void Create(string path)
    {
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
