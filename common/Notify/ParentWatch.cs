using System.Globalization;

namespace MoneyBot.Common.Notify;

/// <summary>
/// Tells a bot that the process that started it (its supervisor) has died, so it can exit instead of
/// running on unsupervised next to the copy a new supervisor will start. Linux reparents an orphan, so
/// a change of the parent pid (read from /proc) is the signal; checked every <c>interval</c>.
/// </summary>
public sealed class ParentWatch : IDisposable
{
    private readonly CancellationTokenSource _orphaned = new();
    private readonly ITimer _timer;
    private readonly int _parent;

    public ParentWatch(TimeProvider time, TimeSpan interval)
    {
        _parent = ReadParentPid();
        _timer = time.CreateTimer(_ => Check(), null, interval, interval);
    }

    /// <summary>Cancelled when the parent process is gone.</summary>
    public CancellationToken Orphaned => _orphaned.Token;

    public void Dispose()
    {
        _timer.Dispose();
        _orphaned.Dispose();
    }

    private void Check()
    {
        if (ReadParentPid() != _parent && !_orphaned.IsCancellationRequested)
        {
            _orphaned.Cancel();
        }
    }

    private static int ReadParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
