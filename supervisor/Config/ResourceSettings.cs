using System.Globalization;

namespace MoneyBot.Supervisor.Config;

/// <summary>
/// <c>resources:</c> of a program: what it needs, for the exports (Kubernetes requests and limits, systemd's
/// <c>MemoryMax=</c>). The supervisor itself does not enforce them.
/// </summary>
/// <param name="MemoryBytes">The most memory the program may use; null: not said.</param>
/// <param name="CpuMillis">The CPU it needs in thousandths of a core (<c>0.25</c> = 250); null: not said.</param>
public sealed record ResourceSettings(long? MemoryBytes = null, int? CpuMillis = null)
{
    /// <summary>Nothing said.</summary>
    public static ResourceSettings None { get; } = new();

    public bool IsEmpty => MemoryBytes is null && CpuMillis is null;

    /// <summary>
    /// Reads a CPU amount: cores as a number (<c>0.25</c>, <c>2</c>) or thousandths with <c>m</c> (<c>250m</c>); at
    /// least 1m, at most 1024 cores. Null when <paramref name="text"/> is not such an amount.
    /// </summary>
    public static int? ParseCpu(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        double millis;
        if (trimmed.EndsWith('m'))
        {
            if (!int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                return null;
            }

            millis = m;
        }
        else if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores))
        {
            millis = cores * 1000;
        }
        else
        {
            return null;
        }

        return millis >= 1 && millis <= 1_024_000 && millis == Math.Floor(millis) ? (int)millis : null;
    }
}
