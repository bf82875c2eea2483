using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>
/// The supervised programs of one configuration: resolves targets (name, group, <c>all</c>), starts
/// sets in dependency order (a program after the programs it depends on are RUNNING) and stops them in
/// reverse order, and applies reloads. A program asked to start while a dependency is not RUNNING waits
/// for it and starts as soon as it is, however that happens (a backoff restart, a retry after FATAL, an
/// operator's start), unless it is stopped meanwhile. Once <see cref="Close"/> was called nothing starts.
/// </summary>
public sealed partial class ProgramSet : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly string _logDir;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventBus _events;
    private readonly Action<ProgramSet> _onChanged;
    private readonly Func<double>? _random;
    private readonly SecretMasker _masker;
    private readonly string _notifyDirectory;
    private readonly ChildMarker? _marker;
    private readonly Dictionary<string, bool> _waiting = []; // program -> asked by an operator
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _dependencyWatch;
    private List<ProgramSupervisor> _programs = [];
    private bool _closed;

    /// <param name="config">The programs to supervise (none started yet).</param>
    /// <param name="time">Clock for every timer.</param>
    /// <param name="logger">The daemon's log.</param>
    /// <param name="events">Where transitions and reloads are published.</param>
    /// <param name="stoppedByOperator">Programs an operator stopped before the daemon restarted.</param>
    /// <param name="onChanged">Called after any program's transition (the daemon saves its state there).</param>
    /// <param name="random">Jitter source (tests pass a fixed one).</param>
    /// <param name="marker">The daemon's mark on its children (see <see cref="ChildMarker"/>).</param>
    public ProgramSet(
        SupervisorConfig config,
        TimeProvider time,
        ILogger logger,
        EventBus events,
        IReadOnlySet<string>? stoppedByOperator = null,
        Action<ProgramSet>? onChanged = null,
        Func<double>? random = null,
        ChildMarker? marker = null
    )
    {
        _marker = marker;
        _logDir = config.Daemon.LogDir;
        _notifyDirectory = DaemonSettings.NotifyDirectoryIn(config.Daemon.RunDir);
        _masker = new SecretMasker(config.Secrets);
        _time = time;
        _logger = logger;
        _events = events;
        _random = random;
        _onChanged = onChanged ?? (_ => { });
        Directory.CreateDirectory(_logDir);
        _programs = config.Programs.Select(p => Create(p, stoppedByOperator?.Contains(p.Name) == true)).ToList();
        _dependencyWatch = WatchDependenciesAsync(events.SubscribeAsync(_closing.Token));
    }

    /// <summary>Programs waiting for a dependency to be RUNNING before they start.</summary>
    public IReadOnlyList<string> Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Keys.ToList();
            }
        }
    }

    /// <summary>The programs, in configuration order.</summary>
    public IReadOnlyList<ProgramSupervisor> Programs
    {
        get
        {
            lock (_gate)
            {
                return _programs.ToList();
            }
        }
    }

    public IReadOnlyList<ProgramStatus> Statuses() => Programs.Select(p => p.Status()).ToList();

    public ProgramSupervisor? Find(string name) => Programs.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// The programs a CLI target names: a program, a group, or <c>all</c>; null when it names nothing.
    /// </summary>
    public IReadOnlyList<ProgramSupervisor>? Resolve(string target)
    {
        var all = Programs;
        if (target == "all")
        {
            return all;
        }

        var byName = all.Where(p => p.Name == target).ToList();
        if (byName.Count > 0)
        {
            return byName;
        }

        var byGroup = all.Where(p => p.Config.Group == target).ToList();
        return byGroup.Count > 0 ? byGroup : null;
    }

    /// <summary>Autostart programs that no operator stopped.</summary>
    public IReadOnlyList<ProgramSupervisor> AutostartSet() =>
        Programs.Where(p => p.Config.Autostart && !p.Status().StoppedByOperator).ToList();

    /// <summary>
    /// Starts <paramref name="targets"/> and what they depend on, each after its dependencies are RUNNING,
    /// independent programs in parallel. Completes when each is RUNNING or failed.
    /// </summary>
    public async Task<IReadOnlyList<ProgramStatus>> StartAsync(
        IEnumerable<ProgramSupervisor> targets,
        bool byOperator,
        CancellationToken cancellationToken = default
    )
    {
        var all = Programs.ToDictionary(p => p.Name);
        var configs = all.Values.ToDictionary(p => p.Name, p => p.Config);
        var wanted = targets.Select(t => t.Name).ToList();
        var closure = DependencyOrder.WithDependencies(wanted, configs);
        var tasks = new Dictionary<string, Task<ProgramStatus>>();

        Task<ProgramStatus> StartOne(ProgramSupervisor program)
        {
            if (!tasks.TryGetValue(program.Name, out var task))
            {
                var dependencies = program
                    .Config.DependsOn.Where(all.ContainsKey)
                    .Select(d => StartOne(all[d]))
                    .ToList();
                var pulledIn = !wanted.Contains(program.Name);
                task =
                    pulledIn && program.Status().StoppedByOperator
                        ? Task.FromResult(program.Status()) // an operator's stop outranks being someone's dependency
                        : StartAfterAsync(
                            program,
                            dependencies,
                            byOperator && wanted.Contains(program.Name),
                            cancellationToken
                        );
                tasks[program.Name] = task;
            }

            return task;
        }

        foreach (var name in closure.Where(all.ContainsKey))
        {
            _ = StartOne(all[name]);
        }

        await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        return wanted.Select(n => all[n].Status()).ToList();
    }

    /// <summary>Stops <paramref name="targets"/>, each after the targets that depend on it have stopped.</summary>
    public async Task<IReadOnlyList<ProgramStatus>> StopAsync(
        IEnumerable<ProgramSupervisor> targets,
        bool byOperator,
        CancellationToken cancellationToken = default
    )
    {
        var set = targets.ToDictionary(p => p.Name);
        lock (_gate)
        {
            foreach (var name in set.Keys)
            {
                _waiting.Remove(name); // a stop ends the wait for a dependency as well
            }
        }

        var tasks = new Dictionary<string, Task<ProgramStatus>>();

        Task<ProgramStatus> StopOne(ProgramSupervisor program)
        {
            if (!tasks.TryGetValue(program.Name, out var task))
            {
                var dependents = DependencyOrder
                    .DependentsOf(program.Name, set.Values.Select(p => p.Config))
                    .Select(d => StopOne(set[d]))
                    .ToList();
                task = StopAfterAsync(program, dependents, byOperator, cancellationToken);
                tasks[program.Name] = task;
            }

            return task;
        }

        foreach (var program in set.Values)
        {
            _ = StopOne(program);
        }

        return await Task.WhenAll(tasks.Values).ConfigureAwait(false);
    }

    /// <summary>
    /// From now on nothing starts: a start chain in progress ends at once (what it already started is left for
    /// <see cref="StopAsync"/>), no program waits for a dependency any more. Called when the daemon shuts down.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _waiting.Clear();
        }

        _closing.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _dependencyWatch.ConfigureAwait(false);
        foreach (var program in Programs)
        {
            await program.DisposeAsync().ConfigureAwait(false);
        }

        _closing.Dispose();
    }

    private async Task<ProgramStatus> StartAfterAsync(
        ProgramSupervisor program,
        List<Task<ProgramStatus>> dependencies,
        bool byOperator,
        CancellationToken cancellationToken
    )
    {
        ProgramStatus[] ready;
        try
        {
            ready = await Task.WhenAll(dependencies).WaitAsync(_closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return program.Status(); // shutting down: the chain ends here
        }

        var notReady = ready.FirstOrDefault(d => d.State != ProgramState.Running);
        if (notReady is not null)
        {
            return await WaitAsync(program, byOperator, notReady).ConfigureAwait(false);
        }

        Task<ProgramStatus> start;
        lock (_gate)
        {
            if (_closed)
            {
                return program.Status();
            }

            _waiting.Remove(program.Name);
            // Sent under the lock: a Close that follows queues its stop behind this start, never before it.
            start = program.StartAsync(byOperator, cancellationToken);
        }

        try
        {
            return await start.WaitAsync(_closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return program.Status();
        }
    }

    private async Task<ProgramStatus> WaitAsync(ProgramSupervisor program, bool byOperator, ProgramStatus dependency)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return program.Status();
            }

            _waiting[program.Name] = byOperator || _waiting.GetValueOrDefault(program.Name);
        }

        ProgramStatus shown;
        try
        {
            shown = await program
                .ShowWaitingAsync($"waiting for '{dependency.Name}' ({dependency.State}) to be RUNNING")
                .ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return program.Status(); // removed by a reload meanwhile
        }

        StartWaitersWhoseDependenciesRun(); // the dependency may have become RUNNING since its status was taken
        return shown;
    }

    private async Task WatchDependenciesAsync(IAsyncEnumerable<SupervisorEvent> events)
    {
        try
        {
            await foreach (var evt in events.ConfigureAwait(false))
            {
                if (evt is ProgramStateChanged { To: ProgramState.Running })
                {
                    StartWaitersWhoseDependenciesRun();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closed
        }
    }

    private void StartWaitersWhoseDependenciesRun()
    {
        List<(ProgramSupervisor Program, bool ByOperator)> due;
        lock (_gate)
        {
            var byName = _programs.ToDictionary(p => p.Name);
            due = _waiting
                .Where(w => byName.ContainsKey(w.Key))
                .Select(w => (Program: byName[w.Key], ByOperator: w.Value))
                .Where(w =>
                    w.Program.Config.DependsOn.All(d =>
                        !byName.TryGetValue(d, out var dependency) || dependency.State == ProgramState.Running
                    )
                )
                .ToList();
            foreach (var (program, _) in due)
            {
                _waiting.Remove(program.Name);
            }
        }

        foreach (var group in due.GroupBy(d => d.ByOperator))
        {
            var names = group.Select(d => d.Program.Name).ToList();
            Log.DependenciesReady(_logger, names);
            _ = StartAsync(group.Select(d => d.Program), group.Key);
        }
    }

    private static async Task<ProgramStatus> StopAfterAsync(
        ProgramSupervisor program,
        List<Task<ProgramStatus>> dependents,
        bool byOperator,
        CancellationToken cancellationToken
    )
    {
        await Task.WhenAll(dependents).ConfigureAwait(false);
        return await program.StopAsync(byOperator, cancellationToken).ConfigureAwait(false);
    }

    private ProgramSupervisor Create(ProgramConfig config, bool stoppedByOperator) =>
        new(
            config,
            _logDir,
            _time,
            _logger,
            _events,
            _ => _onChanged(this),
            _random,
            stoppedByOperator,
            _masker,
            _notifyDirectory,
            _marker
        );

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "dependencies RUNNING: starting {Programs}, which waited for them"
        )]
        public static partial void DependenciesReady(ILogger logger, IReadOnlyList<string> programs);
    }
}
