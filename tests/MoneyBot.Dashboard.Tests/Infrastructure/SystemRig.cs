using MoneyBot.Supervisor.Commands;
using MoneyBot.Supervisor.Control;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Dashboard.Tests.Infrastructure;

/// <summary>
/// The whole system as a user runs it, in a sandbox: the supervisor's daemon (its own process, with its control
/// socket) supervising the real executables of the simulated exchange (60x), a 1m ext-gap bot, the order-flow bot
/// and the dashboard, each on a free loopback port. Started once for the tests that share it.
/// </summary>
public sealed class SystemRig : IAsyncLifetime, IDisposable
{
    /// <summary>The ext-gap program.</summary>
    public const string ExtGapProgram = "extgap-1m";

    /// <summary>The order-flow bot's stale-after: how long a frozen feed keeps its figures, then stale.</summary>
    public static readonly TimeSpan FlowStaleAfter = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new("mb-dash-");
    private RunningChild? _daemon;

    public Uri Exchange { get; } = new($"http://127.0.0.1:{LoopbackPort.Free()}");

    public Uri OrderFlowApi { get; } = new($"http://127.0.0.1:{LoopbackPort.Free()}");

    public Uri Dashboard { get; } = new($"http://127.0.0.1:{LoopbackPort.Free()}");

    public string GapsPath => _dir.File("data/extgap-1m/gaps.csv");

    public string ConfigPath => _dir.File("config/moneybot.yaml");

    /// <summary>The daemon's control socket, through the same typed commands as the CLI.</summary>
    public ControlClient Control => new(_dir.File("run/moneybot.sock"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir.File("config"));
        await File.WriteAllTextAsync(ConfigPath, Yaml());
        _daemon = RunningChild.Start(
            RepositoryLayout.Executable("supervisor", "moneybot"),
            ["daemon", "-c", ConfigPath]
        );
        await WaitAllRunningAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        if (_daemon is null)
        {
            return;
        }

        await Control.SendAsync(new SupervisorCommand.Down());
        await _daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await _daemon.DisposeAsync();
    }

    /// <summary>Removes the sandbox (after <see cref="DisposeAsync"/> stopped everything in it).</summary>
    public void Dispose() => _dir.Dispose();

    /// <summary>Sends <paramref name="signal"/> (STOP, CONT, ...) to the daemon process.</summary>
    public Task SignalDaemonAsync(string signal) => _daemon!.SignalAsync(signal);

    /// <summary>Every program's status, from the daemon.</summary>
    public async Task<IReadOnlyList<ProgramStatusDto>> StatusesAsync() =>
        (await Control.SendAsync(new SupervisorCommand.Status()))?.Programs
        ?? throw new InvalidOperationException("the daemon does not answer: " + DaemonOutput);

    /// <summary>The daemon's status of <paramref name="program"/>.</summary>
    public async Task<ProgramStatusDto> StatusAsync(string program) =>
        (await StatusesAsync()).Single(s => s.Name == program);

    /// <summary>The daemon's last lines on stderr (for failure messages).</summary>
    public string DaemonOutput => string.Join("\n", (_daemon?.Output.Items ?? []).TakeLast(30));

    /// <summary>Waits until every program is RUNNING; the failure says why not, with the programs' stderr.</summary>
    public async Task WaitAllRunningAsync(TimeSpan timeout)
    {
        try
        {
            await Eventually.ValueAsync(
                StatusesAsync,
                all => all.Count > 0 && all.All(s => s.State == ProgramState.Running),
                timeout,
                "every program RUNNING"
            );
        }
        catch (TimeoutException e)
        {
            var report = new System.Text.StringBuilder(e.Message);
            foreach (var status in await StatusesAsync())
            {
                report.Append($"\n{status.Name}: {status.State.Label()} {status.Reason} {status.StatusText}");
                if (status.State != ProgramState.Running)
                {
                    var tail = await Control.SendAsync(new SupervisorCommand.Logs(status.Name, 15, Stderr: true));
                    report.Append("\n  ").AppendJoin("\n  ", tail?.Lines ?? []);
                }
            }

            throw new TimeoutException(report.ToString(), e);
        }
    }

    private string Yaml()
    {
        static string Exe(string project, string name) => RepositoryLayout.Executable(project, name);
        var ws = $"ws://127.0.0.1:{Exchange.Port}";
        return $$"""
            supervisor: { run_dir: run, log_dir: logs }
            defaults:
              start_secs: 1
              stop_timeout: 10s
              backoff: { initial: 1s, factor: 2, max: 10s, jitter: 0, reset_after: 60s }
              give_up: { restarts: 20, within: 10m }
            programs:
              exchange:
                command: {{Exe("bots/MoneyBot.ExchangeSim", "exchange-sim")}}
                args: [--urls, "{{Exchange}}", --speed, "60", --seed, "7", --symbols, "BTCUSDT,ETHUSDT",
                       --history, "12h"]
                ready: notify
                ready_timeout: 60s
              {{ExtGapProgram}}:
                command: {{Exe("bots/MoneyBot.ExtGap", "extgap")}}
                args: [run, --symbol, BTCUSDT, --timeframe, 1m, --market, futures, --rest-url, "{{Exchange}}",
                       --ws-url, "{{ws}}/fapi", --gaps-out, data/extgap-1m/gaps.csv, --trades-out,
                       data/extgap-1m/trades.csv, --state, data/extgap-1m/state.json, --stats-interval, "0"]
                ready: notify
                ready_timeout: 60s
                backoff: { initial: 3s, factor: 1, max: 3s, jitter: 0 }
                depends_on: [exchange]
              orderflow:
                command: {{Exe("bots/MoneyBot.OrderFlow", "orderflow")}}
                args: [run, --symbols, "BTCUSDT", --market, spot, --rest-url, "{{Exchange}}", --ws-url, "{{ws}}",
                       --http, "{{OrderFlowApi}}", --stale-after, "{{FlowStaleAfter.TotalSeconds}}s", --warmup, "0"]
                ready: notify
                ready_timeout: 60s
                depends_on: [exchange]
              dashboard:
                command: {{Exe("dashboard/MoneyBot.Dashboard", "dashboard")}}
                args: [run, --http, "{{Dashboard}}", --config, config/moneybot.yaml, --refresh, 250ms]
                ready: notify
                ready_timeout: 30s
                depends_on: [exchange, orderflow]
            """;
    }
}
