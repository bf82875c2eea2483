using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MoneyBot.Common.Notify;

/// <summary>
/// The program's side of the systemd notify protocol (what sd_notify does): datagrams such as READY=1,
/// WATCHDOG=1, STATUS=... to the socket named by NOTIFY_SOCKET. Works under the MoneyBot supervisor and
/// under systemd alike. Without NOTIFY_SOCKET every call does nothing. Sending never throws: a supervisor
/// that is gone is not the program's failure. Like <c>sd_watchdog_enabled(3)</c>, a WATCHDOG_PID that names
/// another process means the watchdog is that process's: this one then has no watchdog and sends no WATCHDOG=1.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly EndPoint? _endPoint;
    private readonly Lock _gate = new();

    /// <param name="notifySocket">The NOTIFY_SOCKET value (a path, or "@name" for an abstract socket); null:
    /// off.</param>
    /// <param name="watchdogUsec">The WATCHDOG_USEC value, if any.</param>
    /// <param name="watchdogPid">The WATCHDOG_PID value, if any: the process the watchdog is meant for (systemd
    /// sets it; the MoneyBot supervisor does not). Another process's: no watchdog here.</param>
    /// <param name="processId">This process's id (the real one by default; tests pass their own).</param>
    public SystemdNotifier(
        string? notifySocket,
        string? watchdogUsec = null,
        string? watchdogPid = null,
        int? processId = null
    )
    {
        if (!string.IsNullOrEmpty(notifySocket))
        {
            var path = notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
            _endPoint = new UnixDomainSocketEndPoint(path);
            _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        }

        if (
            int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid > 0
            && pid != (processId ?? Environment.ProcessId)
        )
        {
            WatchdogOwner = pid;
        }
        else if (long.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0)
        {
            WatchdogTimeout = TimeSpan.FromMicroseconds(usec);
        }
    }

    /// <summary>True when a supervisor listens (NOTIFY_SOCKET was set).</summary>
    public bool Enabled => _socket is not null;

    /// <summary>The supervisor's watchdog timeout; ping at least twice as often. Null: not watched.</summary>
    public TimeSpan? WatchdogTimeout { get; }

    /// <summary>
    /// The other process that WATCHDOG_PID names, when the watchdog is not this process's (then
    /// <see cref="WatchdogTimeout"/> is null and <see cref="Watchdog"/> sends nothing); null otherwise.
    /// </summary>
    public int? WatchdogOwner { get; }

    /// <summary>From this process's environment (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID).</summary>
    public static SystemdNotifier FromEnvironment() =>
        new(
            Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
            Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
            Environment.GetEnvironmentVariable("WATCHDOG_PID")
        );

    /// <summary>The program really works now (first market message received, say).</summary>
    public bool Ready(string? status = null) => Send(status is null ? "READY=1" : $"READY=1\nSTATUS={OneLine(status)}");

    /// <summary>
    /// Still healthy: send while work is flowing. Sends nothing (false) when the watchdog is another process's.
    /// </summary>
    public bool Watchdog() => WatchdogOwner is null && Send("WATCHDOG=1");

    /// <summary>A one-line summary for people (shown by <c>status</c>).</summary>
    public bool Status(string status) => Send($"STATUS={OneLine(status)}");

    /// <summary>Shutting down.</summary>
    public bool Stopping() => Send("STOPPING=1");

    public void Dispose() => _socket?.Dispose();

    private bool Send(string message)
    {
        if (_socket is null)
        {
            return false;
        }

        try
        {
            lock (_gate)
            {
                _socket.SendTo(Encoding.UTF8.GetBytes(message), _endPoint!);
            }

            return true;
        }
        catch (SocketException)
        {
            return false; // nobody listens any more: the supervisor restarted or is gone
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
