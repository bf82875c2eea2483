using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Reports;

/// <summary>
/// Remembers when each program crashed (moved to BACKOFF or FATAL) over the last day, so reports can say
/// "restarts in the period". Bounded: entries older than a day, or beyond 10,000, are forgotten.
/// </summary>
public sealed class CrashLedger(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(1);
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, string Program)> _crashes = new();

    /// <summary>Records a crash if <paramref name="evt"/> is one.</summary>
    public void Observe(SupervisorEvent evt)
    {
        if (
            evt
            is not ProgramStateChanged
            {
                To: ProgramState.Backoff or ProgramState.Fatal,
                From: ProgramState.Starting or ProgramState.Running
            } change
        )
        {
            return;
        }

        lock (_gate)
        {
            _crashes.Enqueue((change.At, change.Program));
            Prune();
        }
    }

    /// <summary>Crashes per program since <paramref name="since"/> (at most a day back).</summary>
    public IReadOnlyDictionary<string, int> CountSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            Prune();
            return _crashes.Where(c => c.At >= since).GroupBy(c => c.Program).ToDictionary(g => g.Key, g => g.Count());
        }
    }

    private void Prune()
    {
        var oldest = time.GetUtcNow() - Horizon;
        while (_crashes.Count > 0 && (_crashes.Peek().At < oldest || _crashes.Count > MaxEntries))
        {
            _crashes.Dequeue();
        }
    }
}
