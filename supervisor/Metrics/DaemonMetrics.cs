namespace MoneyBot.Supervisor.Metrics;

/// <summary>What <c>/metrics</c> shows of the daemon itself.</summary>
/// <param name="Uptime">How long the daemon has run.</param>
/// <param name="ResidentBytes">Its resident memory (RSS), when it could be read.</param>
public readonly record struct DaemonMetrics(TimeSpan Uptime, long? ResidentBytes);
