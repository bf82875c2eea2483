using System.CommandLine;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Export;

namespace MoneyBot.Supervisor.Cli;

/// <summary>
/// Declares the verbs and their arguments. A verb that asks something of the daemon is a <see cref="CommandVerb"/>:
/// its words are read into a <see cref="SupervisorCommand"/> here, and its work lives in its own class.
/// </summary>
internal static class Verbs
{
    public static IEnumerable<System.CommandLine.Command> Create(Func<ParseResult, CliContext> context)
    {
        yield return new CommandVerb(
            "up",
            "Start the daemon in the background if needed, start autostart programs, print status.",
            _ => new SupervisorCommand.Up(),
            (p, _, ct) => DaemonVerbs.UpAsync(context(p), ct)
        );

        var detached = new Option<bool>("--detached")
        {
            Description = "Internal: run without a console (used by 'up').",
            Hidden = true,
        };
        var daemon = new System.CommandLine.Command(
            "daemon",
            "Run the daemon in the foreground (for systemd or containers)."
        )
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
        yield return new CommandVerb(
            "status",
            "Show every program's state, pid, uptime, restarts, last exit.",
            p => new SupervisorCommand.Status(p.GetValue(statusName)),
            (p, command, ct) => ControlVerbs.StatusAsync(context(p), command, p.GetValue(json), ct),
            statusName,
            json
        );

        foreach (
            var (verb, description, make) in new (string, string, Func<string, SupervisorCommand>)[]
            {
                (
                    "start",
                    "Start programs (a name, a group or 'all') and wait until they run.",
                    t => new SupervisorCommand.Start(t)
                ),
                (
                    "stop",
                    "Stop programs (a name, a group or 'all'); they stay stopped across daemon restarts.",
                    t => new SupervisorCommand.Stop(t)
                ),
                ("restart", "Stop then start programs (a name, a group or 'all').", t => new SupervisorCommand.Restart(
                    t
                )),
            }
        )
        {
            var target = new Argument<string>("target") { Description = "A program, a group, or 'all'." };
            yield return new CommandVerb(
                verb,
                description,
                p => make(p.GetValue(target)!),
                (p, command, ct) => ControlVerbs.TargetAsync(context(p), command, p.GetValue(target)!, ct),
                target
            );
        }

        var logName = new Argument<string>("name") { Description = "The program." };
        var lines = new Option<int>("--lines", "-n")
        {
            Description = $"How many lines (default {SupervisorCommand.Logs.DefaultLines}).",
            DefaultValueFactory = _ => SupervisorCommand.Logs.DefaultLines,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines (Ctrl-C to stop)." };
        var err = new Option<bool>("--err") { Description = "Show the stderr log instead of stdout." };
        yield return new CommandVerb(
            "logs",
            "Show the end of a program's log, across rotated files.",
            p => new SupervisorCommand.Logs(p.GetValue(logName)!, p.GetValue(lines), p.GetValue(err)),
            (p, command, ct) => LogsVerb.RunAsync(context(p), (SupervisorCommand.Logs)command, p.GetValue(follow), ct),
            logName,
            lines,
            follow,
            err
        );

        yield return new CommandVerb(
            "reload",
            "Re-read the config: start added, stop removed, restart changed programs.",
            _ => new SupervisorCommand.Reload(),
            (p, command, ct) => ControlVerbs.SimpleAsync(context(p), command, ct)
        );

        yield return new CommandVerb(
            "down",
            "Stop all programs in dependency order, then the daemon.",
            _ => new SupervisorCommand.Down(),
            (p, _, ct) => DaemonVerbs.DownAsync(context(p), ct)
        );

        yield return new CommandVerb(
            "health",
            "Exit 0 when every autostart program is RUNNING, 1 otherwise (one line per problem).",
            _ => new SupervisorCommand.Health(),
            (p, command, ct) => ControlVerbs.SimpleAsync(context(p), command, ct)
        );

        var daily = new Option<bool>("--daily") { Description = "The daily summary instead of the health report." };
        yield return new CommandVerb(
            "report",
            "Print the health report (or --daily summary) that Telegram receives on schedule.",
            p => new SupervisorCommand.Report(p.GetValue(daily) ? ReportKind.Daily : ReportKind.Health),
            (p, command, ct) => ControlVerbs.SimpleAsync(context(p), command, ct),
            daily
        );

        var file = new Argument<string?>("file")
        {
            Description = "The file to check (default: the -c config).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var check = new System.CommandLine.Command(
            "check",
            "Validate a configuration file; print every problem with its position."
        )
        {
            file,
        };
        check.SetAction(p => ConfigCheckVerb.Run(context(p), p.GetValue(file)));
        yield return new System.CommandLine.Command("config", "Configuration commands.") { check };

        var outDir = new Option<string?>("--out", "-o")
        {
            Description = $"Directory for the unit files (default: ./{ExportSystemdVerb.DefaultOut}); '-': print them.",
        };
        var user = new Option<bool>("--user")
        {
            Description = "Units for 'systemctl --user' (WantedBy=default.target).",
        };
        var journal = new Option<bool>("--journal")
        {
            Description = "Programs' output to the journal instead of the log files under log_dir.",
        };
        var prefix = new Option<string>("--prefix")
        {
            Description = "Start of every unit's name.",
            DefaultValueFactory = _ => SystemdExportOptions.Default.Prefix,
        };
        var systemd = new System.CommandLine.Command(
            "systemd",
            "Write one systemd .service per program, a .target per group and one for all (docs/supervisor.md 16)."
        )
        {
            outDir,
            user,
            journal,
            prefix,
        };
        systemd.SetAction(p =>
            ExportSystemdVerb.Run(
                context(p),
                p.GetValue(outDir),
                new SystemdExportOptions(p.GetValue(user), p.GetValue(journal), p.GetValue(prefix)!)
            )
        );
        var kubernetesOut = new Option<string?>("--out", "-o")
        {
            Description =
                $"Directory for the manifests (default: ./{ExportKubernetesVerb.DefaultOut}); '-': print them.",
        };
        var ns = new Option<string?>("--namespace", "-n")
        {
            Description = "The namespace of every object (default: none written: kubectl's current one).",
        };
        var image = new Option<string>("--image")
        {
            Description = "The image built from the Dockerfile.",
            DefaultValueFactory = _ => KubernetesExportOptions.DefaultImage,
        };
        var kubernetesPrefix = new Option<string>("--prefix")
        {
            Description = "Start of every object's name.",
            DefaultValueFactory = _ => KubernetesExportOptions.Default.Prefix,
        };
        var kubernetes = new System.CommandLine.Command(
            "kubernetes",
            "Write a Deployment per program, Services, a ConfigMap and a data claim (docs/supervisor.md 17)."
        )
        {
            kubernetesOut,
            ns,
            image,
            kubernetesPrefix,
        };
        kubernetes.SetAction(p =>
            ExportKubernetesVerb.Run(
                context(p),
                p.GetValue(kubernetesOut),
                new KubernetesExportOptions(p.GetValue(ns), p.GetValue(image)!, p.GetValue(kubernetesPrefix)!)
            )
        );
        yield return PodVerbs.Create(context);
        yield return new System.CommandLine.Command("export", "Export the configuration to another tool.")
        {
            systemd,
            kubernetes,
        };
    }
}
