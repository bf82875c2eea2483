using MoneyBot.Supervisor.Processes;
using MoneyBot.Supervisor.Tests.Infrastructure;

namespace MoneyBot.Supervisor.Tests.Cli;

/// <summary>
/// The daemon SIGKILLed while it is spawning its programs (a child may exist a moment before the daemon records it):
/// the next <c>up</c> finds every leftover by the mark in its environment, so no program ever runs twice, and
/// <c>down</c> without a daemon stops what a killed one left.
/// </summary>
public sealed class SpawnWindowKillTests : IDisposable
{
    private const int ProgramCount = 12;
    private const int Rounds = 5;
    private readonly Sandbox _sandbox = new();

    private string RunDir => _sandbox.Combine("run");

    [Fact(Timeout = 300_000)]
    public async Task A_daemon_killed_at_random_moments_of_its_start_never_leaves_a_duplicate()
    {
        var config = _sandbox.WriteConfig(
            Sandbox.ProgramsYaml(
                "  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }",
                Enumerable.Range(1, ProgramCount).Select(i => ($"p{i:D2}", "--print-every, 60000")).ToArray()
            )
        );
        var random = new Random(20261203);
        var killedWith = new List<int>();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                await using (var daemon = RunningChild.Start(CliRunner.Path, ["daemon", "-c", config]))
                {
                    // Aim at the spawn window: the first child exists, the others are being spawned.
                    await WaitUntilAsync(() => ProcessTable.FindMarked(RunDir).Count > 0 || HasExited(daemon.Id));
                    await Task.Delay(random.Next(0, 40));
                    killedWith.Add(ProcessTable.FindMarked(RunDir).Count);
                    NativeMethods.SendSignal(daemon.Id, SignalNames.Kill);
                }

                var up = await CliRunner.RunAsync("up", "-c", config);
                Assert.True(up.ExitCode == 0, up.ToString());
                AssertEachProgramRunsOnce();
                var down = await CliRunner.RunAsync("down", "-c", config);
                Assert.True(down.ExitCode == 0, down.ToString());
                Assert.Empty(ProcessTable.FindMarked(RunDir));
            }
        }
        finally
        {
            foreach (var leftover in ProcessTable.FindMarked(RunDir))
            {
                ProcessProbe.KillQuietly(leftover.Pid);
            }
        }

        // the kills did land inside the start: some children existed, not all of them recorded yet
        Assert.Contains(killedWith, n => n is > 0);
    }

    [Fact(Timeout = 120_000)]
    public async Task Down_without_a_daemon_stops_what_a_killed_daemon_left_running()
    {
        var config = _sandbox.WriteConfig(
            Sandbox.ProgramsYaml(
                "  start_secs: 0\n  stop_timeout: 5s\n  logs: { timestamps: false }",
                ("alpha", "--print-every, 60000"),
                ("beta", "--spawn-grandchild")
            )
        );
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", config)).ExitCode);
        NativeMethods.SendSignal(CliRunner.DaemonPid(RunDir)!.Value, SignalNames.Kill);
        await WaitUntilAsync(() => ProcessTable.FindMarked(RunDir).Count >= 3); // alpha, beta, beta's grandchild
        var orphans = ProcessTable.FindMarked(RunDir);

        var down = await CliRunner.RunAsync("down", "-c", config);

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("the daemon is not running", down.Output, StringComparison.Ordinal);
        Assert.Contains("stopped 3 process(es) a killed daemon left running", down.Output, StringComparison.Ordinal);
        Assert.All(orphans, o => Assert.False(ProcessProbe.IsAlive(o.Pid), $"{o.Program} (pid {o.Pid}) still runs"));
    }

    public void Dispose() => _sandbox.Dispose();

    private void AssertEachProgramRunsOnce()
    {
        var marked = ProcessTable.FindMarked(RunDir);
        var counts = marked.GroupBy(m => m.Program).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ProgramCount, counts.Count);
        Assert.All(counts, c => Assert.True(c.Value == 1, $"{c.Key} runs {c.Value} times"));
        Assert.Single(marked.Select(m => m.Instance).Distinct());
    }

    private static bool HasExited(int pid) => !ProcessProbe.IsAlive(pid);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            // other processes' state has no notification: poll /proc
            await Task.Delay(5, timeout.Token);
        }
    }
}
