using System.Globalization;
using System.Text;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Metrics;

/// <summary>
/// Writes the metrics in Prometheus' text exposition format (version 0.0.4): for each family a <c># HELP</c> and a
/// <c># TYPE</c> line, then one line per series; label values escaped (<c>\\</c>, <c>\"</c>, <c>\n</c>). Every
/// program series carries <c>program</c>, and <c>group</c> when the program has one.
/// </summary>
public static class MetricsText
{
    /// <summary>The Content-Type of the text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly ProgramState[] States = Enum.GetValues<ProgramState>();

    /// <summary>Appends the whole exposition to <paramref name="text"/>.</summary>
    public static void Write(StringBuilder text, IReadOnlyList<ProgramMetrics> programs, DaemonMetrics daemon)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(programs);
        Family(text, "moneybot_program_up", "gauge", "1 when the program is RUNNING, else 0.");
        foreach (var p in programs)
        {
            Series(text, "moneybot_program_up", p.Status).Append(p.Status.State == ProgramState.Running ? 1 : 0);
            text.Append('\n');
        }

        Family(
            text,
            "moneybot_program_state",
            "gauge",
            "The program's state: 1 for the state it is in, 0 for the others."
        );
        foreach (var p in programs)
        {
            foreach (var state in States)
            {
                Series(text, "moneybot_program_state", p.Status, "state", state.Label())
                    .Append(p.Status.State == state ? 1 : 0)
                    .Append('\n');
            }
        }

        Family(
            text,
            "moneybot_program_restarts_total",
            "counter",
            "Automatic restarts (after a crash, a watchdog timeout, a retry after FATAL) since the daemon started."
        );
        foreach (var p in programs)
        {
            Value(text, "moneybot_program_restarts_total", p.Status, p.Status.Restarts);
        }

        Family(
            text,
            "moneybot_program_last_exit_code",
            "gauge",
            "Exit code of the program's last process; absent before any exit and when a signal ended it."
        );
        foreach (var p in programs)
        {
            if (p.Status.LastExit is { Code: { } code })
            {
                Value(text, "moneybot_program_last_exit_code", p.Status, code);
            }
        }

        Family(
            text,
            "moneybot_program_last_exit_signal",
            "gauge",
            "Number of the signal that ended the program's last process (9: KILL, 15: TERM); absent otherwise."
        );
        foreach (var p in programs)
        {
            if (p.Status.LastExit is { Signal: { } signal })
            {
                Value(text, "moneybot_program_last_exit_signal", p.Status, signal);
            }
        }

        Family(
            text,
            "moneybot_program_uptime_seconds",
            "gauge",
            "How long the program's current process has run; 0 when none runs."
        );
        foreach (var p in programs)
        {
            Series(text, "moneybot_program_uptime_seconds", p.Status);
            Seconds(text, p.Status.Uptime ?? TimeSpan.Zero).Append('\n');
        }

        Family(
            text,
            "moneybot_program_log_bytes_written_total",
            "counter",
            "Bytes the daemon wrote to the program's log files (timestamps included; stderr: merge counts as stdout)."
        );
        foreach (var p in programs)
        {
            Series(text, "moneybot_program_log_bytes_written_total", p.Status, "stream", "stdout")
                .Append(p.StdoutLogBytes)
                .Append('\n');
            Series(text, "moneybot_program_log_bytes_written_total", p.Status, "stream", "stderr")
                .Append(p.StderrLogBytes)
                .Append('\n');
        }

        Family(
            text,
            "moneybot_program_watchdog_timeouts_total",
            "counter",
            "Times the program was killed for sending no WATCHDOG=1 within its watchdog interval."
        );
        foreach (var p in programs)
        {
            Value(text, "moneybot_program_watchdog_timeouts_total", p.Status, p.WatchdogTimeouts);
        }

        Family(text, "moneybot_daemon_uptime_seconds", "gauge", "How long the supervisor daemon has run.");
        Seconds(text.Append("moneybot_daemon_uptime_seconds "), daemon.Uptime).Append('\n');
        if (daemon.ResidentBytes is { } resident)
        {
            Family(
                text,
                "moneybot_daemon_resident_memory_bytes",
                "gauge",
                "Resident memory (RSS) of the supervisor daemon."
            );
            text.Append("moneybot_daemon_resident_memory_bytes ").Append(resident).Append('\n');
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ")
            .Append(name)
            .Append(' ')
            .Append(help)
            .Append("\n# TYPE ")
            .Append(name)
            .Append(' ')
            .Append(type)
            .Append('\n');

    private static void Value(StringBuilder text, string name, ProgramStatus status, long value) =>
        Series(text, name, status).Append(value).Append('\n');

    /// <summary>Appends <c>name{program="...",group="..."[,label="value"]} </c>, ready for the value.</summary>
    private static StringBuilder Series(
        StringBuilder text,
        string name,
        ProgramStatus status,
        string? label = null,
        string? value = null
    )
    {
        text.Append(name).Append("{program=\"");
        Escaped(text, status.Name);
        if (status.Group is { Length: > 0 } group)
        {
            text.Append("\",group=\"");
            Escaped(text, group);
        }

        if (label is not null)
        {
            text.Append("\",").Append(label).Append("=\"");
            Escaped(text, value!);
        }

        return text.Append("\"} ");
    }

    private static void Escaped(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }
    }

    private static StringBuilder Seconds(StringBuilder text, TimeSpan span) =>
        text.Append(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalSeconds, 3):0.###}");
}
