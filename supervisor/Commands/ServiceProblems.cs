using System.Collections.Concurrent;

namespace MoneyBot.Supervisor.Commands;

/// <summary>
/// What is wrong right now with one of the daemon's own services (the admin bot's polling, say), shown under the
/// <c>status</c> table. Services set and clear their line; <c>status</c> reads them. Thread-safe.
/// </summary>
public sealed class ServiceProblems
{
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);

    /// <summary>Says what is wrong with <paramref name="service"/>; null clears it.</summary>
    public void Set(string service, string? problem)
    {
        if (problem is null)
        {
            _problems.TryRemove(service, out _);
        }
        else
        {
            _problems[service] = problem;
        }
    }

    /// <summary>What is wrong with <paramref name="service"/>, or null.</summary>
    public string? Of(string service) => _problems.TryGetValue(service, out var problem) ? problem : null;

    /// <summary>Every problem, one line each in service order; null when all is well.</summary>
    public string? Summary()
    {
        var lines = _problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}
