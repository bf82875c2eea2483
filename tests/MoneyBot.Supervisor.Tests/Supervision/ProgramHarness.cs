using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Supervision;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Supervision;

/// <summary>One supervised testprog with a manual clock and an event recorder; disposing kills everything.</summary>
internal sealed class ProgramHarness : IAsyncDisposable
{
    private readonly Sandbox _sandbox = new();

    private ProgramHarness(Func<string, ProgramConfig> configure, TimeProvider? time)
    {
        Config = configure(_sandbox.Root);
        Time = time as TestClock;
        var bus = new EventBus();
        Events = new EventRecorder(bus);
        Program = new ProgramSupervisor(
            Config,
            _sandbox.LogDir,
            time ?? TimeProvider.System,
            NullLogger.Instance,
            bus,
            random: () => 0.5,
            notifyDirectory: _sandbox.Combine("run/notify")
        );
    }

    public ProgramConfig Config { get; }

    public TestClock? Time { get; }

    public EventRecorder Events { get; }

    public ProgramSupervisor Program { get; }

    public string Name => Config.Name;

    public string LogDir => _sandbox.LogDir;

    /// <summary>A harness on a manual clock (timers fire only on Advance).</summary>
    public static ProgramHarness WithTestClock(Func<string, ProgramConfig> configure) =>
        new(configure, new TestClock());

    /// <summary>A harness on the real clock.</summary>
    public static ProgramHarness WithRealClock(Func<string, ProgramConfig> configure) => new(configure, null);

    public Task<ProgramStateChanged> NextStateAsync(ProgramState to) => Events.NextStateAsync(Name, to);

    public async ValueTask DisposeAsync()
    {
        var pid = Program.Status().Pid;
        await Program.DisposeAsync();
        if (pid is { } p)
        {
            ProcessProbe.KillQuietly(p);
        }

        await Events.DisposeAsync();
        _sandbox.Dispose();
    }
}
