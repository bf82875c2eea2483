using System.Runtime.InteropServices;

namespace MoneyBot.Supervisor.Processes;

/// <summary>The few libc calls .NET does not expose: signalling a process group.</summary>
internal static partial class NativeMethods
{
    private const int NoSuchProcess = 3; // ESRCH

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/>; false when the target no longer exists.</summary>
    public static bool SendSignal(int pid, int signal)
    {
        if (Kill(pid, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {error}.");
    }
}
