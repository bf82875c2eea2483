using System.ComponentModel;
using System.Diagnostics;

namespace MoneyBot.Supervisor.Processes;

/// <summary>
/// The one wrapper around <see cref="Process"/>: starts a program as the leader of its own session and
/// process group (through <c>setsid</c>, which execs in place, so the pid is the program's), exposes its
/// output pipes and exit, signals its group and kills its whole tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>
    /// A bigger pipe than Linux's 64 KiB default lets a bursty program write on while the daemon catches up.
    /// </summary>
    private const int PipeBufferBytes = 1024 * 1024;
    private static readonly string[] SetsidCandidates = ["/usr/bin/setsid", "/bin/setsid"];
    private static readonly string SetsidPath = FindSetsid();
    private readonly Process _process;
    private int _disposed;

    private ChildProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
        StartTime = ProcessTable.Read(Pid)?.StartTime ?? 0;
        Exited = WaitForExitAsync();
    }

    public int Pid { get; }

    /// <summary>
    /// Kernel start time (clock ticks since boot); with <see cref="Pid"/> it identifies the process across pid reuse.
    /// </summary>
    public ulong StartTime { get; }

    /// <summary>Raw bytes the program writes to stdout.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>Raw bytes the program writes to stderr.</summary>
    public Stream StandardError => _process.StandardError.BaseStream;

    /// <summary>Completes when the program's main process has exited.</summary>
    public Task<ExitStatus> Exited { get; }

    /// <summary>Starts <paramref name="spec"/> with piped stdout/stderr and stdin at end-of-file.</summary>
    /// <exception cref="ChildStartException">The executable or working directory is missing or not usable.</exception>
    public static ChildProcess Start(ChildProcessSpec spec)
    {
        if (!Directory.Exists(spec.WorkingDirectory))
        {
            throw new ChildStartException($"working directory '{spec.WorkingDirectory}' does not exist");
        }

        var executable = CommandResolver.Resolve(spec.Command, spec.WorkingDirectory, spec.Environment)
            ?? throw new ChildStartException(
                CommandResolver.WhyNotRunnable(spec.Command, spec.WorkingDirectory, spec.Environment)
            );
        var info = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory,
        };
        info.ArgumentList.Add(executable);
        foreach (var arg in spec.Args)
        {
            info.ArgumentList.Add(arg);
        }

        // The spec's environment is the child's whole environment: nothing of the daemon's own leaks through.
        info.Environment.Clear();
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ChildStartException($"could not start '{executable}'");
        }
        catch (Win32Exception e)
        {
            throw new ChildStartException($"could not start '{executable}': {e.Message}", e);
        }

        process.StandardInput.Close();
        NativeMethods.TryGrowPipe(process.StandardOutput.BaseStream, PipeBufferBytes);
        NativeMethods.TryGrowPipe(process.StandardError.BaseStream, PipeBufferBytes);
        return new ChildProcess(process);
    }

    /// <summary>
    /// Starts a program fully detached from this one (own session, stdio on /dev/null or a file): used to put the
    /// daemon in the background.
    /// </summary>
    public static int StartDetached(
        string executable,
        IReadOnlyList<string> args,
        string outputFile,
        IReadOnlyDictionary<string, string> environment
    )
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >>\"$MONEYBOT_DETACHED_OUTPUT\" 2>&1");
        info.ArgumentList.Add(SetsidPath);
        info.ArgumentList.Add("--fork");
        info.ArgumentList.Add(executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["MONEYBOT_DETACHED_OUTPUT"] = outputFile;
        using var launcher = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start '{executable}'");
        launcher.WaitForExit();
        return launcher.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> to the program's whole process group.</summary>
    public void SignalGroup(int signal)
    {
        if (!NativeMethods.SendSignal(-Pid, signal))
        {
            // The group is already empty; a main process that has not been reaped yet still gets it directly.
            NativeMethods.SendSignal(Pid, signal);
        }
    }

    /// <summary>
    /// SIGKILLs the main process (if still there), everything in its process group and every descendant still found.
    /// </summary>
    public void KillTree() => KillTree(Pid, Pid);

    /// <summary>
    /// SIGKILLs a tree found by pid and group (also for processes of an earlier daemon, identified from its
    /// state file) and waits, up to a second, until every one of them has really exited.
    /// </summary>
    public static void KillTree(int rootPid, int groupId)
    {
        if (ProcessTable.Read(rootPid) is null or { State: 'Z' } && !NativeMethods.SendSignal(-groupId, 0))
        {
            // the main process is gone and its group is empty: nothing to look for (the common case after an exit)
            return;
        }

        var tree = ProcessTable.TreeAndGroup(rootPid, groupId);
        foreach (var entry in tree)
        {
            NativeMethods.SendSignal(entry.Pid, SignalNames.Kill);
        }

        NativeMethods.SendSignal(-groupId, SignalNames.Kill);
        var deadline = Environment.TickCount64 + 1000;
        foreach (var entry in tree)
        {
            NativeMethods.WaitForExit(
                entry.Pid,
                TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64))
            );
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!Exited.IsCompleted)
        {
            KillTree();
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        // Process.Dispose leaves redirected streams that were read directly (not through its events) open: close the
        // pipes here.
        _process.StandardOutput.Dispose();
        _process.StandardError.Dispose();
        _process.Dispose();
    }

    private async Task<ExitStatus> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return ExitStatus.FromRawCode(_process.ExitCode);
    }

    private static string FindSetsid() =>
        SetsidCandidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "'setsid' (util-linux) is required to run programs in their own process group; install util-linux."
        );
}
