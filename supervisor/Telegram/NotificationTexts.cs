using System.Globalization;
using System.Text;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Supervision;
using static MoneyBot.Common.Telegram.TelegramHtml;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>The texts of supervisor notifications, in Telegram HTML (every dynamic value escaped).</summary>
public static class NotificationTexts
{
    public static string Startup(string host, string configPath, IReadOnlyList<ProgramStatus> programs)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"🟢 <b>MoneyBot supervisor started</b> on {Escape(host)}\n")
            .Append(CultureInfo.InvariantCulture, $"config: <code>{Escape(configPath)}</code>\n");
        foreach (var p in programs)
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"{StateIcon(p.State)} <b>{Escape(p.Name)}</b> {p.State.Label()}"
            );
            if (p.State != ProgramState.Running)
            {
                text.Append(CultureInfo.InvariantCulture, $" — {Escape(p.Reason)}");
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    public static string Started(ProgramStateChanged change) =>
        $"▶️ <b>{Escape(change.Program)}</b> started (pid {change.Pid})";

    public static string Crashed(ProgramStateChanged change) =>
        $"💥 <b>{Escape(change.Program)}</b> crashed: {Escape(change.Exit?.ToString() ?? "could not start")}"
        + (change.Uptime is { } up ? $" after {Durations.Format(up)}" : string.Empty)
        + $"\nrestarts so far: {change.Restarts}{NextRetry(change)}";

    /// <summary>The collapsed message of a crash loop, edited in place as crashes come.</summary>
    public static string CrashLoop(
        string program,
        int crashes,
        DateTimeOffset since,
        ProgramStateChanged last,
        bool runningAgain
    ) =>
        $"💥 <b>{Escape(program)}</b> crashed {crashes} times since {since:HH:mm:ss} UTC"
        + $"\nlast: {Escape(last.Exit?.ToString() ?? "could not start")}"
        + (last.Uptime is { } up ? $" after {Durations.Format(up)}" : string.Empty)
        + (runningAgain ? "\n✅ running again" : NextRetry(last));

    public static string Recovered(ProgramStateChanged change) =>
        $"✅ <b>{Escape(change.Program)}</b> is running again (pid {change.Pid})";

    public static string Fatal(ProgramStateChanged change, IReadOnlyList<string> stderr)
    {
        var text = new StringBuilder().Append(
            CultureInfo.InvariantCulture,
            $"⛔ <b>{Escape(change.Program)}</b> is FATAL: {Escape(change.Reason)}"
        );
        if (stderr.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nlast {stderr.Count} stderr lines:\n<pre>");
            foreach (var line in stderr)
            {
                text.Append(Escape(line)).Append('\n');
            }

            text.Append("</pre>");
        }

        return text.ToString();
    }

    public static string Watchdog(ProgramStateChanged change) =>
        $"🐶 <b>{Escape(change.Program)}</b> stopped reporting (watchdog timeout): restarted{NextRetry(change)}";

    public static string Stopped(ProgramStateChanged change) =>
        $"⏹ <b>{Escape(change.Program)}</b> stopped by operator";

    public static string Reloaded(ConfigReloaded reload)
    {
        static string List(IReadOnlyList<string> names) => names.Count == 0 ? "-" : Escape(string.Join(", ", names));
        return reload.Added.Count + reload.Removed.Count + reload.Changed.Count == 0
            ? "🔁 reload applied: no changes"
            : $"🔁 reload applied\nadded: {List(reload.Added)}\nremoved: {List(reload.Removed)}\nrestarted: "
                + $"{List(reload.Changed)}";
    }

    public static string Stopping(DaemonStopping stopping, string host) =>
        $"🔴 <b>MoneyBot supervisor stopping</b> on {Escape(host)}: {Escape(stopping.Reason)}";

    public static string StateIcon(ProgramState state) =>
        state switch
        {
            ProgramState.Running => "🟢",
            ProgramState.Starting or ProgramState.Backoff or ProgramState.Stopping => "🟡",
            ProgramState.Fatal => "🔴",
            _ => "⚪",
        };

    private static string NextRetry(ProgramStateChanged change) =>
        change.NextRetryIn is { } next ? $"; next try in {Durations.Format(next)}" : string.Empty;
}
