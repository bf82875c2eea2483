using System.Globalization;
using System.Text;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Cli;

/// <summary>Renders program statuses as an aligned table for people; states coloured on a terminal.</summary>
public static class StatusTable
{
    private static readonly string[] Headers = ["NAME", "STATE", "PID", "UPTIME", "RESTARTS", "LAST EXIT", "INFO"];

    public static string Render(IReadOnlyList<ProgramStatusDto> programs, DateTimeOffset now, bool color)
    {
        var rows = programs
            .Select(p =>
                new[]
                {
                    p.Name,
                    p.State.Label(),
                    p.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    p.UptimeS is { } u ? Durations.Format(TimeSpan.FromSeconds(u)) : "-",
                    p.Restarts.ToString(CultureInfo.InvariantCulture),
                    LastExit(p, now),
                    Info(p, now),
                }
            )
            .ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendRow(text, Headers, widths, null);
        foreach (var (row, program) in rows.Zip(programs))
        {
            AppendRow(text, row, widths, color ? StateColor(program.State) : null);
        }

        return text.ToString();
    }

    private static string LastExit(ProgramStatusDto p, DateTimeOffset now) =>
        p.LastExit is null ? "-"
        : p.LastExitAt is { } at ? $"{p.LastExit}, {Durations.Format(now - at)} ago"
        : p.LastExit;

    private static string Info(ProgramStatusDto p, DateTimeOffset now)
    {
        var parts = new List<string>();
        if (p.NextRetryAt is { } next)
        {
            parts.Add($"retry in {Durations.Format(next > now ? next - now : TimeSpan.Zero)}");
        }

        if (p.StatusText is { Length: > 0 } statusText)
        {
            parts.Add(statusText);
        }

        if (p.State != ProgramState.Running || parts.Count == 0)
        {
            parts.Add(p.Reason);
        }

        return string.Join(" | ", parts);
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths, string? stateColor)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var cell = last ? cells[i] : cells[i].PadRight(widths[i]);
            text.Append(i == 1 && stateColor is not null ? $"\u001b[{stateColor}m{cell}\u001b[0m" : cell);
            if (!last)
            {
                text.Append("  ");
            }
        }

        text.Append('\n');
    }

    private static string StateColor(ProgramState state) =>
        state switch
        {
            ProgramState.Running => "32",
            ProgramState.Starting or ProgramState.Backoff or ProgramState.Stopping => "33",
            ProgramState.Fatal => "31;1",
            _ => "90", // exited, stopped
        };
}
