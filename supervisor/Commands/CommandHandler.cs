using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Commands;

/// <summary>
/// Carries out every <see cref="SupervisorCommand"/>, whichever edge it came from (control socket or chat), on the
/// program set. It knows nothing of the daemon: reloading and shutting down are functions it is given.
/// </summary>
/// <param name="programs">The supervised programs.</param>
/// <param name="reload">Re-reads the configuration and applies it, or refuses it.</param>
/// <param name="shutdown">Stops every program, then the daemon (the reason goes to the log and the chat).</param>
/// <param name="reports">The health report and the daily summary.</param>
/// <param name="problems">What is wrong with the daemon's own services, shown under <c>status</c>.</param>
/// <param name="logDir">Where the programs' logs are.</param>
public sealed class CommandHandler(
    ProgramSet programs,
    Func<CancellationToken, Task<CommandResult>> reload,
    Func<string, Task> shutdown,
    ReportBuilder reports,
    ServiceProblems problems,
    string logDir
)
{
    public async Task<CommandResult> HandleAsync(SupervisorCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (command)
        {
            case SupervisorCommand.Ping:
                return new CommandResult(true, "pong");
            case SupervisorCommand.Status(var name):
                if (name is not null && programs.Find(name) is null)
                {
                    return UnknownTarget(name);
                }

                return new CommandResult(
                    true,
                    problems.Summary(), // shown under the table: Telegram is how the operator gets alerts
                    programs.Statuses().Where(s => name is null || s.Name == name).ToList()
                );
            case SupervisorCommand.Health:
                var found = HealthCheck.Problems(programs.Programs.Select(p => (p.Status(), p.Config)).ToList());
                return new CommandResult(
                    found.Count == 0,
                    found.Count == 0 ? "healthy" : $"{found.Count} problem(s)",
                    Problems: found
                );
            case SupervisorCommand.Up:
                return await UpAsync(cancellationToken).ConfigureAwait(false);
            case SupervisorCommand.Start(var target):
                return await OnTargetsAsync(target, "start", stop: false, start: true, cancellationToken)
                    .ConfigureAwait(false);
            case SupervisorCommand.Stop(var target):
                return await OnTargetsAsync(target, "stop", stop: true, start: false, cancellationToken)
                    .ConfigureAwait(false);
            case SupervisorCommand.Restart(var target):
                return await OnTargetsAsync(target, "restart", stop: true, start: true, cancellationToken)
                    .ConfigureAwait(false);
            case SupervisorCommand.Reload:
                return await reload(cancellationToken).ConfigureAwait(false);
            case SupervisorCommand.Down:
                await shutdown("down requested").ConfigureAwait(false);
                return new CommandResult(true, "all programs stopped; daemon exiting");
            case SupervisorCommand.Report(var kind):
                var report = kind == ReportKind.Daily ? reports.DailySummary() : reports.Health(reports.DaemonStarted);
                return new CommandResult(true, report.ToPlainText().TrimEnd('\n'));
            case SupervisorCommand.Logs logs:
                return Logs(logs);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "a command this handler does not know");
        }
    }

    private async Task<CommandResult> UpAsync(CancellationToken cancellationToken)
    {
        var autostart = programs.AutostartSet();
        await programs.StartAsync(autostart, byOperator: false, cancellationToken).ConfigureAwait(false);
        var up = Outcome(autostart.Select(p => p.Name).ToList(), "started");
        var held = programs.Statuses().Where(s => s.StoppedByOperator).Select(s => s.Name).ToList();
        return held.Count == 0
            ? up
            : up with
            {
                Message =
                    $"{up.Message}; left stopped by operator: {string.Join(", ", held)} (./moneybot start <name>)",
            };
    }

    private async Task<CommandResult> OnTargetsAsync(
        string target,
        string verb,
        bool stop,
        bool start,
        CancellationToken cancellationToken
    )
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return CommandResult.Wrong($"{verb} needs a program, a group or 'all'");
        }

        if (programs.Resolve(target) is not { } targets)
        {
            return UnknownTarget(target);
        }

        var names = targets.Select(t => t.Name).ToList();
        if (stop)
        {
            await programs.StopAsync(targets, byOperator: !start, cancellationToken).ConfigureAwait(false);
        }

        if (!start)
        {
            return Outcome(names, "stopped");
        }

        await programs.StartAsync(targets, byOperator: true, cancellationToken).ConfigureAwait(false);
        return Outcome(names, stop ? "restarted" : "started");
    }

    private CommandResult Logs(SupervisorCommand.Logs logs)
    {
        if (programs.Find(logs.Program) is not { } program)
        {
            return UnknownTarget(logs.Program);
        }

        if (logs.Lines < 0)
        {
            return CommandResult.Wrong("the number of lines must be 0 or more");
        }

        var path = ProgramLogs.PathFor(logDir, program.Config, logs.Stderr);
        var lines = LogTail.ReadLast(
            path,
            Math.Min(logs.Lines, SupervisorCommand.Logs.MaxLines),
            program.Config.Logs.Backups
        );
        return new CommandResult(true, path, Lines: lines);
    }

    private CommandResult Outcome(List<string> names, string verbed)
    {
        var statuses = programs.Statuses();
        var wanted = verbed == "stopped" ? ProgramState.Stopped : ProgramState.Running;
        var failed = statuses
            .Where(s => names.Contains(s.Name) && s.State != wanted)
            .Select(s => $"{s.Name}: {s.State.Label()} ({s.Reason})")
            .ToList();
        var message =
            failed.Count == 0
                ? $"{verbed} {string.Join(", ", names)}"
                : $"{failed.Count} of {names.Count} not {verbed}";
        return new CommandResult(failed.Count == 0, message, statuses, failed);
    }

    private CommandResult UnknownTarget(string target)
    {
        var known = programs
            .Programs.Select(p => p.Name)
            .Concat(programs.Programs.Select(p => p.Config.Group).OfType<string>().Distinct());
        return CommandResult.Wrong($"no program or group named '{target}' (known: {string.Join(", ", known)}, all)");
    }
}
