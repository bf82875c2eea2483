using System.Globalization;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>Runs the real <c>moneybot</c> executable (built beside the tests) as a child process.</summary>
public static class CliRunner
{
    /// <summary>
    /// The CLI from its own complete build output, copied beside the tests (see the test project file).
    /// </summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "supervisor-app", "moneybot");

    /// <summary>
    /// Runs <c>moneybot <paramref name="args"/></c> with no <c>MONEYBOT_CONFIG</c> and no colours; a CLI that does not
    /// finish within a minute is killed and fails the test.
    /// </summary>
    public static Task<CommandOutcome> RunAsync(params string[] args) =>
        ChildCommand.RunAsync(
            Path,
            args,
            new Dictionary<string, string?> { ["MONEYBOT_CONFIG"] = null, ["NO_COLOR"] = "1" }
        );

    /// <summary>The daemon pid a config's run dir records, if any.</summary>
    public static int? DaemonPid(string runDir)
    {
        var file = System.IO.Path.Combine(runDir, "moneybot.pid");
        return
            File.Exists(file)
            && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }
}
