namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// One daemon per configuration: an exclusive lock on run_dir/moneybot.lock (.NET takes an advisory
/// <c>flock</c> for <see cref="FileShare.None"/>), released by the kernel even when the daemon is SIGKILLed.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream _stream;

    private DaemonLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null when another live daemon holds it.</summary>
    public static DaemonLock? TryAcquire(string path)
    {
        try
        {
            return new DaemonLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            // Held by another process: that daemon is alive.
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
