using System.Text;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Metrics;

/// <summary>
/// Reads the daemon's metrics at each scrape: every program the way <c>status</c> does (its snapshot and its
/// counters), the daemon's uptime and RSS. Nothing is sampled in between.
/// </summary>
/// <param name="programs">The supervised programs (a reload changes them; removed ones disappear).</param>
/// <param name="time">The daemon's clock.</param>
public sealed class MetricsSource(ProgramSet programs, TimeProvider time)
{
    private readonly long _startedAt = time.GetTimestamp();

    /// <summary>Appends the exposition text to <paramref name="text"/>.</summary>
    public void WriteTo(StringBuilder text)
    {
        var snapshot = programs.Programs.Select(ProgramMetrics.Of).ToList();
        MetricsText.Write(
            text,
            snapshot,
            new DaemonMetrics(time.GetElapsedTime(_startedAt), ProcessMemory.ResidentBytes())
        );
    }
}
