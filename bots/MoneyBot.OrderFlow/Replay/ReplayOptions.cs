using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Replay;

/// <summary>What <c>orderflow replay</c> does.</summary>
/// <param name="InputPath">Raw stream messages, one JSON object per line.</param>
/// <param name="OutputPath">Metrics lines (JSON Lines) to write; replaced.</param>
/// <param name="Every">A line per symbol each time this much exchange time has passed (aligned to multiples of it), and
/// one at the end.</param>
/// <param name="Settings">How the metrics are computed.</param>
public sealed record ReplayOptions(string InputPath, string OutputPath, TimeSpan Every, FlowSettings Settings)
{
    /// <summary>60 s.</summary>
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromSeconds(60);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad value.</summary>
    public ReplayOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(InputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputPath);
        FlowSettings.Require(Every >= TimeSpan.FromMilliseconds(1), $"--every must be at least 1ms, not {Every}");
        FlowSettings.Require(
            !string.Equals(Path.GetFullPath(InputPath), Path.GetFullPath(OutputPath), StringComparison.Ordinal),
            "--input and --out must be different files"
        );
        Settings.Validate();
        return this;
    }
}
