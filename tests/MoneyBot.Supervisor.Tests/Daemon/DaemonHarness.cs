using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Daemon;

/// <summary>An in-process daemon on a sandboxed config; disposing shuts it down and kills what is left.</summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    private DaemonHarness(Sandbox sandbox, SupervisorDaemon daemon, EventRecorder events)
    {
        Sandbox = sandbox;
        Daemon = daemon;
        Events = events;
    }

    public Sandbox Sandbox { get; }

    public SupervisorDaemon Daemon { get; private set; }

    public EventRecorder Events { get; private set; }

    public SupervisorConfig Config => Daemon.Config;

    public static async Task<DaemonHarness> StartAsync(
        string yaml,
        bool autostart = true,
        Sandbox? sandbox = null,
        Func<DaemonOptions, DaemonOptions>? configure = null
    )
    {
        sandbox ??= new Sandbox();
        var config = sandbox.LoadConfig(yaml);
        var daemon = await SupervisorDaemon.StartAsync(config, (configure ?? (o => o))(Options(autostart)));
        return new DaemonHarness(sandbox, daemon, new EventRecorder(daemon.Events));
    }

    /// <summary>Shuts this daemon down and starts a new one on the same (possibly rewritten) file.</summary>
    public async Task RestartDaemonAsync()
    {
        await Daemon.ShutdownAsync("test restart");
        await Daemon.DisposeAsync();
        await Events.DisposeAsync();
        var config = new ConfigLoader(new Dictionary<string, string>()).Load(Config.SourcePath).Config!;
        Daemon = await SupervisorDaemon.StartAsync(config, Options(autostart: true));
        Events = new EventRecorder(Daemon.Events);
    }

    public async ValueTask DisposeAsync()
    {
        var pids = Daemon.Programs.Statuses().Select(s => s.Pid).OfType<int>().ToList();
        await Daemon.ShutdownAsync("test over");
        await Daemon.DisposeAsync();
        await Events.DisposeAsync();
        pids.ForEach(ProcessProbe.KillQuietly);
        Sandbox.Dispose();
    }

    private static DaemonOptions Options(bool autostart) =>
        new()
        {
            Autostart = autostart,
            LoadConfig = path => new ConfigLoader(new Dictionary<string, string>()).Load(path),
            Random = () => 0.5,
        };
}
