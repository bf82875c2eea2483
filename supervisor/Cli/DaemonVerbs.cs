using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Cli;

/// <summary>Verbs that start or end the daemon: <c>up</c>, <c>daemon</c>, <c>down</c>.</summary>
internal static class DaemonVerbs
{
    private static readonly TimeSpan DaemonStartTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> UpAsync(CliContext cli, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config || !cli.AcceptsPrograms(config))
        {
            return ExitCodes.Usage;
        }

        foreach (var warning in config.Warnings())
        {
            await cli.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        var client = cli.Client(config);
        if (!await client.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            await cli.Output.WriteLineAsync($"starting daemon for {config.SourcePath} ...").ConfigureAwait(false);
            if (!await LaunchDaemonAsync(cli, config, client, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.Failed;
            }
        }

        var response = await client.SendAsync(new SupervisorCommand.Up(), cancellationToken).ConfigureAwait(false)
            ?? new ControlResponse(false, "the daemon stopped answering");
        if (response.Programs is { } programs)
        {
            await cli
                .Output.WriteAsync(StatusTable.Render(programs, DateTimeOffset.UtcNow, cli.UseColor))
                .ConfigureAwait(false);
        }

        return cli.Finish(response);
    }

    public static async Task<int> RunDaemonAsync(CliContext cli, bool detached, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config || !cli.AcceptsPrograms(config))
        {
            return ExitCodes.Usage;
        }

        DaemonRuntime.KeepFromChildren();
        DaemonRuntime.RestrictNewFiles();
        DaemonRuntime.CloseToOthers(config.Daemon.LogDir);
        var masker = new SecretMasker(config.Secrets);
        using var fileLog = new FileLoggerProvider(
            config.Daemon.DaemonLogPath,
            config.Daemon.Log,
            TimeProvider.System,
            masker
        );
        using var loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Information);
            builder.AddProvider(fileLog);
            if (!detached)
            {
                builder.AddProvider(new ConsoleLoggerProvider(cli.Error, masker));
            }
        });

        // The handlers go in before the daemon starts: a signal that arrives while it starts (an `up` can see the
        // programs running before this line) must not meet the default action, which kills the daemon outright.
        SupervisorDaemon? daemon = null;
        string? pendingShutdown = null;
        var pendingReload = false;
        var gate = new Lock();
        void Down(PosixSignalContext context)
        {
            context.Cancel = true;
            lock (gate)
            {
                if (daemon is null)
                {
                    pendingShutdown ??= $"signal {context.Signal}";
                    return;
                }
            }

            _ = daemon.ShutdownAsync($"signal {context.Signal}");
        }

        void Reload(PosixSignalContext context)
        {
            context.Cancel = true;
            lock (gate)
            {
                if (daemon is null)
                {
                    // still starting (it may have read the file before it changed): reload once started
                    pendingReload = true;
                    return;
                }
            }

            _ = daemon.ReloadAsync(CancellationToken.None);
        }

        NativeMethods.UnignoreSignal(SignalNames.Hup); // SIGHUP means reload, even for a daemon started under nohup
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Down);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Down);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Reload);
        SupervisorDaemon started;
        try
        {
            started = await SupervisorDaemon
                .StartAsync(
                    config,
                    new DaemonOptions { LoggerFactory = loggerFactory, ReleaseStartupPages = true },
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        catch (DaemonAlreadyRunningException e)
        {
            await cli.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await using (started.ConfigureAwait(false))
        {
            string? shutdown;
            bool reload;
            lock (gate)
            {
                daemon = started;
                (shutdown, reload) = (pendingShutdown, pendingReload);
            }

            if (shutdown is not null)
            {
                _ = started.ShutdownAsync(shutdown);
            }
            else if (reload)
            {
                _ = started.ReloadAsync(CancellationToken.None);
            }

            await started.Completion.ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    public static async Task<int> DownAsync(CliContext cli, CancellationToken cancellationToken)
    {
        if (cli.LoadConfig() is not { } config)
        {
            // A file broken since the daemon started must not keep it from being stopped: its run_dir is still
            // found when the file is simple enough, and a daemon answering there is stopped all the same.
            return RunDirLocator.TryFind(cli.ConfigPath) is { } runDir
                ? await DownWithoutConfigAsync(cli, runDir, cancellationToken).ConfigureAwait(false)
                : ExitCodes.Usage;
        }

        var pid = ReadPid(config.Daemon.RunDir);
        var response = await cli.Client(config)
            .SendAsync(new SupervisorCommand.Down(), cancellationToken)
            .ConfigureAwait(false);
        if (response is null)
        {
            var leftovers = await StopLeftoversAsync(config, cancellationToken).ConfigureAwait(false);
            await cli
                .Output.WriteLineAsync(
                    leftovers.Count == 0
                        ? "the daemon is not running"
                        : $"the daemon is not running; stopped {leftovers.Count} process(es) a killed daemon left "
                            + "running: "
                            + string.Join(", ", leftovers.Select(l => $"{l.Name} (pid {l.Pid})"))
                )
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }

        return await FinishDownAsync(cli, response, pid, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> DownWithoutConfigAsync(CliContext cli, string runDir, CancellationToken token)
    {
        var pid = ReadPid(runDir);
        var response = await new ControlClient(DaemonSettings.SocketIn(runDir))
            .SendAsync(new SupervisorCommand.Down(), token)
            .ConfigureAwait(false);
        if (response is null)
        {
            return ExitCodes.Usage; // no daemon there: the config errors above are the whole story
        }

        await cli
            .Error.WriteLineAsync($"stopping the daemon running from {runDir} all the same (it keeps its own copy)")
            .ConfigureAwait(false);
        return await FinishDownAsync(cli, response, pid, token).ConfigureAwait(false);
    }

    private static async Task<int> FinishDownAsync(
        CliContext cli,
        ControlResponse response,
        int? pid,
        CancellationToken cancellationToken
    )
    {
        var code = cli.Finish(response);
        if (
            pid is { } p
            && !await WaitForExitAsync(p, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false)
        )
        {
            await cli.Error.WriteLineAsync($"the daemon (pid {p}) has not exited yet").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        return code;
    }

    /// <summary>
    /// With no daemon running (its lock is free), stops what a killed one left: the children its state file lists
    /// and every process marked with this run directory.
    /// </summary>
    private static async Task<IReadOnlyList<ChildRecord>> StopLeftoversAsync(
        SupervisorConfig config,
        CancellationToken cancellationToken
    )
    {
        if (!Directory.Exists(config.Daemon.RunDir))
        {
            return [];
        }

        using var daemonLock = DaemonLock.TryAcquire(config.Daemon.LockPath);
        if (daemonLock is null)
        {
            return []; // a daemon holds it after all (starting, or not answering): its children are its own
        }

        var state = new DaemonStateStore(config.Daemon.StatePath).Load(out _);
        return await LeftoverChildren
            .StopAsync(
                state.Children,
                config.Daemon.RunDir,
                TimeSpan.FromSeconds(10),
                TimeProvider.System,
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    private static async Task<bool> LaunchDaemonAsync(
        CliContext cli,
        SupervisorConfig config,
        ControlClient client,
        CancellationToken cancellationToken
    )
    {
        RunDirectory.Create(config.Daemon.RunDir);
        var output = Path.Combine(config.Daemon.RunDir, "daemon.out");
        var (executable, prefix) = SelfCommand();
        string[] args = [.. prefix, "daemon", "--config", config.SourcePath, "--detached"];
        var launched = ChildProcess.StartDetached(executable, args, output, DaemonRuntime.Environment);
        if (launched != 0)
        {
            await cli
                .Error.WriteLineAsync($"could not launch the daemon (exit {launched}); see {output}")
                .ConfigureAwait(false);
            return false;
        }

        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < DaemonStartTimeout)
        {
            // The daemon is a detached process we cannot await: poll its socket until it answers.
            if (await client.IsRunningAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }

        await cli
            .Error.WriteLineAsync(
                $"the daemon did not answer within {DaemonStartTimeout.TotalSeconds}s; its output ({output}):"
            )
            .ConfigureAwait(false);
        foreach (var line in LogTail.ReadLast(output, 20, 0))
        {
            await cli.Error.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// How to run this same CLI again: the native executable or apphost itself, or <c>dotnet moneybot.dll</c> (the
    /// dll beside this build: <c>Assembly.Location</c> is empty in a native build).
    /// </summary>
    private static (string Executable, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath
            ?? throw new InvalidOperationException("cannot tell which executable is running");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [Path.Combine(AppContext.BaseDirectory, typeof(CliApp).Assembly.GetName().Name + ".dll")])
            : (process, []);
    }

    private static int? ReadPid(string runDir)
    {
        try
        {
            return int.Parse(
                File.ReadAllText(Path.Combine(runDir, "moneybot.pid")).Trim(),
                CultureInfo.InvariantCulture
            );
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null; // no pid file: nothing to wait for
        }
    }

    private static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (ProcessTable.Read(pid) is { State: not 'Z' })
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            // Not our child: no exit notification exists, so poll /proc.
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
