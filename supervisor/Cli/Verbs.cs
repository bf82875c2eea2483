using System.CommandLine;

namespace MoneyBot.Supervisor.Cli;

/// <summary>Declares the verbs and their arguments; each verb's work lives in its own class.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> Create(Func<ParseResult, CliContext> context)
    {
        var up = new Command(
            "up",
            "Start the daemon in the background if needed, start autostart programs, print status."
        );
        up.SetAction((p, ct) => DaemonVerbs.UpAsync(context(p), ct));
        yield return up;

        var detached = new Option<bool>("--detached")
        {
            Description = "Internal: run without a console (used by 'up').",
            Hidden = true,
        };
        var daemon = new Command("daemon", "Run the daemon in the foreground (for systemd or containers).")
        {
            detached,
        };
        daemon.SetAction((p, ct) => DaemonVerbs.RunDaemonAsync(context(p), p.GetValue(detached), ct));
        yield return daemon;

        var statusName = new Argument<string?>("name")
        {
            Description = "Only this program.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "A JSON array, one object per program." };
        var status = new Command("status", "Show every program's state, pid, uptime, restarts, last exit.")
        {
            statusName,
            json,
        };
        status.SetAction((p, ct) => ControlVerbs.StatusAsync(context(p), p.GetValue(statusName), p.GetValue(json), ct));
        yield return status;

        foreach (
            var (verb, description) in new[]
            {
                ("start", "Start programs (a name, a group or 'all') and wait until they run."),
                ("stop", "Stop programs (a name, a group or 'all'); they stay stopped across daemon restarts."),
                ("restart", "Stop then start programs (a name, a group or 'all')."),
            }
        )
        {
            var target = new Argument<string>("target") { Description = "A program, a group, or 'all'." };
            var command = new Command(verb, description) { target };
            command.SetAction((p, ct) => ControlVerbs.TargetAsync(context(p), verb, p.GetValue(target)!, ct));
            yield return command;
        }

        var logName = new Argument<string>("name") { Description = "The program." };
        var lines = new Option<int>("--lines", "-n")
        {
            Description = "How many lines (default 20).",
            DefaultValueFactory = _ => 20,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines (Ctrl-C to stop)." };
        var err = new Option<bool>("--err") { Description = "Show the stderr log instead of stdout." };
        var logs = new Command("logs", "Show the end of a program's log, across rotated files.")
        {
            logName,
            lines,
            follow,
            err,
        };
        logs.SetAction(
            (p, ct) =>
                LogsVerb.RunAsync(
                    context(p),
                    p.GetValue(logName)!,
                    p.GetValue(lines),
                    p.GetValue(follow),
                    p.GetValue(err),
                    ct
                )
        );
        yield return logs;

        var reload = new Command("reload", "Re-read the config: start added, stop removed, restart changed programs.");
        reload.SetAction((p, ct) => ControlVerbs.SimpleAsync(context(p), "reload", ct));
        yield return reload;

        var down = new Command("down", "Stop all programs in dependency order, then the daemon.");
        down.SetAction((p, ct) => DaemonVerbs.DownAsync(context(p), ct));
        yield return down;

        var health = new Command(
            "health",
            "Exit 0 when every autostart program is RUNNING, 1 otherwise (one line per problem)."
        );
        health.SetAction((p, ct) => ControlVerbs.SimpleAsync(context(p), "health", ct));
        yield return health;

        var daily = new Option<bool>("--daily") { Description = "The daily summary instead of the health report." };
        var report = new Command(
            "report",
            "Print the health report (or --daily summary) that Telegram receives on schedule."
        )
        {
            daily,
        };
        report.SetAction((p, ct) => ControlVerbs.ReportAsync(context(p), p.GetValue(daily), ct));
        yield return report;

        var file = new Argument<string?>("file")
        {
            Description = "The file to check (default: the -c config).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var check = new Command("check", "Validate a configuration file; print every problem with its position.")
        {
            file,
        };
        check.SetAction(p => ConfigCheckVerb.Run(context(p), p.GetValue(file)));
        yield return new Command("config", "Configuration commands.") { check };
    }
}
