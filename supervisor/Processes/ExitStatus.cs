using System.Globalization;

namespace MoneyBot.Supervisor.Processes;

/// <summary>How a process ended: an exit code, or the signal that killed it.</summary>
/// <remarks>
/// .NET reports a signal death as 128 + signal, like a shell does, so codes 129..159 are read as signals.
/// </remarks>
public readonly record struct ExitStatus(int? Code, int? Signal)
{
    public static ExitStatus FromRawCode(int raw) =>
        raw is > 128 and < 160 ? new ExitStatus(null, raw - 128) : new ExitStatus(raw, null);

    public override string ToString() =>
        Signal is { } s
            ? "signal " + SignalNames.Name(s)
            : "exit " + (Code ?? 0).ToString(CultureInfo.InvariantCulture);
}
