using System.Runtime.InteropServices;

namespace MoneyBot.Supervisor.Processes;

/// <summary>The few libc calls .NET does not expose: signalling a process group.</summary>
internal static partial class NativeMethods
{
    private const int NoSuchProcess = 3; // ESRCH

    private const long PidfdOpenSyscall = 434; // same number on x86_64 and arm64
    private const short PollIn = 0x001;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial int PidfdOpen(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fd, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignalHandler(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);

    /// <summary>
    /// The owner (uid) of <paramref name="path"/>, or null when it cannot be looked at. Uses <c>statx</c>, whose
    /// result layout is the same on every architecture.
    /// </summary>
    public static uint? OwnerOf(string path)
    {
        const int CurrentDirectory = -100; // AT_FDCWD
        const uint UidField = 0x8; // STATX_UID
        const int UidOffset = 20; // struct statx: mask, blksize (u32), attributes (u64), nlink (u32), uid (u32)
        var buffer = new byte[256];
        return Statx(CurrentDirectory, path, 0, UidField, buffer) == 0
            ? BitConverter.ToUInt32(buffer, UidOffset)
            : null;
    }

    /// <summary>
    /// Unmaps the pages of <c>[start, start + length)</c> from this process (<c>MADV_DONTNEED</c>); for a read-only
    /// private file mapping they come back from the file on the next touch. Returns false when the kernel refused.
    /// </summary>
    public static bool Unmap(ulong start, ulong length) => Madvise((nint)start, (nuint)length, 4) == 0;

    /// <summary>
    /// Sets this process's file creation mask (inherited by every child it starts); returns the previous one.
    /// </summary>
    public static UnixFileMode SetFileCreationMask(UnixFileMode mask) => (UnixFileMode)Umask((uint)mask);

    /// <summary>
    /// Gives <paramref name="signal"/> its default disposition back when it was inherited as ignored (a daemon
    /// started under <c>nohup</c> ignores SIGHUP, and .NET then leaves a handler registration without effect).
    /// Call before registering a handler for it.
    /// </summary>
    public static void UnignoreSignal(int signal)
    {
        const nint Default = 0; // SIG_DFL
        const nint Ignore = 1; // SIG_IGN
        var previous = SetSignalHandler(signal, Default);
        if (previous != Ignore)
        {
            _ = SetSignalHandler(signal, previous); // it was not ignored: leave it exactly as it was
        }
    }

    /// <summary>
    /// Asks the kernel for a larger pipe buffer (F_SETPIPE_SZ) on the read end of a child's output. Best effort:
    /// the kernel may refuse beyond /proc/sys/fs/pipe-max-size, and then the default stays.
    /// </summary>
    public static void TryGrowPipe(Stream stream, int bytes)
    {
        const int SetPipeSize = 1031; // F_SETPIPE_SZ
        if (stream is System.IO.Pipes.PipeStream pipe)
        {
            _ = Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), SetPipeSize, bytes);
        }
    }

    /// <summary>
    /// Waits until <paramref name="pid"/> has exited (any process, not only our children: a pidfd becomes
    /// readable when it exits). True when it is gone within <paramref name="timeout"/>.
    /// </summary>
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var fd = PidfdOpen(PidfdOpenSyscall, pid, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError() == NoSuchProcess || ProcessTable.Read(pid) is null or { State: 'Z' };
        }

        try
        {
            var poll = new PollFd { Fd = fd, Events = PollIn };
            return Poll(ref poll, 1, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue)) > 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

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

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
