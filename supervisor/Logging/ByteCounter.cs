namespace MoneyBot.Supervisor.Logging;

/// <summary>
/// A running total of bytes written, shared by the log files that one stream of a program has had (rotation and a
/// reload that reopens them do not reset it). Thread-safe.
/// </summary>
public sealed class ByteCounter
{
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(long bytes) => Interlocked.Add(ref _total, bytes);
}
