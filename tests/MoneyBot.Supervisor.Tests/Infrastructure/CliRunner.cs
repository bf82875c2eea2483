using System.Diagnostics;
using System.Globalization;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>Runs the real <c>moneybot</c> executable (built beside the tests) as a separate process.</summary>
public static class CliRunner
{
    /// <summary>The CLI from its own complete build output, copied beside the tests (see the test project file).</summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "supervisor-app", "moneybot");

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("MONEYBOT_CONFIG");
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The daemon pid a config's run dir records, if any.</summary>
    public static int? DaemonPid(string runDir)
    {
        var file = System.IO.Path.Combine(runDir, "moneybot.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }
}
