using System.Text.Json;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Pod;

/// <summary>
/// <c>moneybot pod probe NAME --ready|--live</c>: answers a Kubernetes exec probe from the state
/// <c>moneybot pod run</c> keeps. Ready: the program runs and has sent READY=1 (or run for start_secs). Live: it
/// runs and, with a watchdog, its last WATCHDOG=1 (or READY=1) is no older than the watchdog. One line saying why.
/// </summary>
public static class PodProbe
{
    /// <summary>0 when the probe passes, 1 when not.</summary>
    public static int Check(string directory, string name, bool live, TextWriter output, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        PodState? state;
        try
        {
            state = PodState.Load(directory, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            output.WriteLine($"{name}: cannot read {PodState.PathIn(directory, name)}: {e.Message}");
            return 1;
        }

        if (state is null || state.Pid <= 0)
        {
            output.WriteLine($"{name}: not started (no {PodState.PathIn(directory, name)})");
            return 1;
        }

        if (ProcessTable.Read(state.Pid) is not { State: not 'Z' })
        {
            output.WriteLine($"{name}: pid {state.Pid} is gone");
            return 1;
        }

        var status = state.Status is { } text ? $" ({text})" : "";
        if (!state.Ready)
        {
            if (live)
            {
                output.WriteLine($"{name}: starting, pid {state.Pid}{status}");
                return 0;
            }

            output.WriteLine($"{name}: not ready: no READY=1 after {Span(now - state.StartedMs)}{status}");
            return 1;
        }

        if (live && state.WatchdogMs > 0)
        {
            var silence = now - (state.LastWatchdogMs ?? state.ReadyMs ?? state.StartedMs);
            if (silence > state.WatchdogMs)
            {
                output.WriteLine(
                    $"{name}: no WATCHDOG=1 for {Span(silence)} (watchdog {Span(state.WatchdogMs)}){status}"
                );
                return 1;
            }
        }

        output.WriteLine($"{name}: {(live ? "alive" : "ready")}, pid {state.Pid}{status}");
        return 0;
    }

    private static string Span(long milliseconds) =>
        Durations.Format(TimeSpan.FromMilliseconds(Math.Max(0, milliseconds)));
}
