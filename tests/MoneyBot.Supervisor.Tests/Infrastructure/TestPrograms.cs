using MoneyBot.Common.Resilience;
using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>The controllable child program (tests/MoneyBot.TestProgram) and program configs that run it.</summary>
public static class TestPrograms
{
    /// <summary>Path of the testprog executable, built beside the tests.</summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "testprog");

    /// <summary>No jitter, 1s doubling to 1m, reset after 60s.</summary>
    public static BackoffPolicy SteadyBackoff { get; } =
        new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1), 0, TimeSpan.FromSeconds(60));

    /// <summary>A program running testprog with <paramref name="args"/>.</summary>
    public static ProgramConfig Program(string name, string workingDirectory, params string[] args) =>
        new()
        {
            Name = name,
            Command = Path,
            Args = args,
            WorkingDirectory = workingDirectory,
            StartSecs = TimeSpan.FromSeconds(1),
            Backoff = SteadyBackoff,
            GiveUp = new GiveUpPolicy(10, TimeSpan.FromMinutes(10), null),
            StopTimeout = TimeSpan.FromSeconds(5),
            Logs = LogSettings.Default with { Timestamps = false },
        };
}
