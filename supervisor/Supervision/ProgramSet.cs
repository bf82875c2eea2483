using Microsoft.Extensions.Logging;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>
/// The supervised programs of one configuration: resolves targets (name, group, <c>all</c>), starts
/// sets in dependency order (a program after the programs it depends on are RUNNING) and stops them in
/// reverse order, and applies reloads.
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
    private List<ProgramSupervisor> _programs = [];

    /// <param name="config">The programs to supervise (none started yet).</param>
    /// <param name="time">Clock for every timer.</param>
    /// <param name="logger">The daemon's log.</param>
    /// <param name="events">Where transitions and reloads are published.</param>
    /// <param name="stoppedByOperator">Programs an operator stopped before the daemon restarted.</param>
    /// <param name="onChanged">Called after any program's transition (the daemon saves its state there).</param>
    /// <param name="random">Jitter source (tests pass a fixed one).</param>
    public ProgramSet(
        SupervisorConfig config,
        TimeProvider time,
        ILogger logger,
        EventBus events,
        IReadOnlySet<string>? stoppedByOperator = null,
        Action<ProgramSet>? onChanged = null,
        Func<double>? random = null
    )
    {
        _logDir = config.Daemon.LogDir;
        _notifyDirectory = Path.Combine(config.Daemon.RunDir, "notify");
        _masker = new SecretMasker(config.Secrets);
        _time = time;
        _logger = logger;
        _events = events;
        _random = random;
        _onChanged = onChanged ?? (_ => { });
        Directory.CreateDirectory(_logDir);
        _programs = config.Programs.Select(p => Create(p, stoppedByOperator?.Contains(p.Name) == true)).ToList();
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

    public async ValueTask DisposeAsync()
    {
        foreach (var program in Programs)
        {
            await program.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<ProgramStatus> StartAfterAsync(
        ProgramSupervisor program,
        List<Task<ProgramStatus>> dependencies,
        bool byOperator,
        CancellationToken cancellationToken
    )
    {
        var ready = await Task.WhenAll(dependencies).ConfigureAwait(false);
        var notReady = ready.FirstOrDefault(d => d.State != ProgramState.Running);
        if (notReady is not null)
        {
            return program.Status() with { Reason = $"not started: dependency '{notReady.Name}' is {notReady.State}" };
        }

        return await program.StartAsync(byOperator, cancellationToken).ConfigureAwait(false);
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
            _notifyDirectory
        );
}
