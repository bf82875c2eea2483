using MoneyBot.Bots.Tests.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using MoneyBot.Bots.Tests.MarketData;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>
/// The real <c>extgap</c> executable, run from its own build output (the test folder's copy lacks the
/// logging packages that the ASP.NET Core framework of the tests carries), with its stderr captured.
/// </summary>
public sealed class ExtGapProcess : IDisposable
{
    private readonly Process process;

    private ExtGapProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log.Add(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The executable in <c>bots/MoneyBot.ExtGap/bin/&lt;configuration&gt;/&lt;tfm&gt;/</c> beside this test build.</summary>
    public static string Executable => BotExecutable.Path("MoneyBot.ExtGap", "extgap");

    public int Id => process.Id;

    /// <summary>Its stderr lines.</summary>
    public Collector<string> Log { get; } = Collector.Manual<string>();

    public static ExtGapProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = false, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "TELEGRAM_BOT_TOKEN", "TELEGRAM_CHAT_IDS", "TELEGRAM_API_URL" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new ExtGapProcess(Process.Start(info)!);
    }

    /// <summary>Sends a signal with the <c>kill</c> command.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the exit; returns the exit code and how long it took.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
