using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Daemon;
using MoneyBot.Supervisor.Health;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Pod;

/// <summary>
/// <c>moneybot pod run</c>: runs one program as a container's main process, the way the daemon runs it, without the
/// daemon. The program gets NOTIFY_SOCKET (and WATCHDOG_USEC) and the container's environment; its output goes to
/// this process's output (the container log); READY=1, WATCHDOG=1 and STATUS= are kept in a state file for
/// <c>moneybot pod probe</c>. SIGTERM or SIGINT (the container being stopped) sends the program's stop signal to
/// its process group, SIGKILL after the stop timeout. Exits with the program's exit code (128 + n for signal n).
/// </summary>
public sealed class PodRunner
{
    private readonly PodRunOptions _options;
    private readonly TextWriter _error;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private PodState _state;

    public PodRunner(PodRunOptions options, TextWriter error, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _error = error;
        _time = time ?? TimeProvider.System;
        _state = new PodState(
            options.Name,
            0,
            Now(),
            false,
            null,
            null,
            (long)options.Watchdog.TotalMilliseconds,
            null
        );
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var directory = _options.StateDirectory;
        NotifyEndpoint notify;
        try
        {
            Directory.CreateDirectory(directory);
            // A state left by a killed predecessor (the memory volume outlives the container) must not answer the
            // probes.
            File.Delete(PodState.PathIn(directory, _options.Name));
            notify = NotifyEndpoint.Open(directory, _options.Name, Notified, NullLogger.Instance);
        }
        catch (Exception e)
            when (e is IOException or UnauthorizedAccessException or InvalidOperationException or SocketException)
        {
            await _error
                .WriteLineAsync($"moneybot pod run: cannot use the state directory {directory}: {e.Message}")
                .ConfigureAwait(false);
            return 1;
        }

        await using var notifyEndpoint = notify.ConfigureAwait(false);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        // The daemon's own runtime settings (the image sets them for the daemon) are not the program's.
        foreach (var name in DaemonRuntime.Environment.Keys)
        {
            environment.Remove(name);
        }

        environment["NOTIFY_SOCKET"] = notify.Path;
        environment.Remove("WATCHDOG_USEC");
        if (_options.Watchdog > TimeSpan.Zero)
        {
            environment["WATCHDOG_USEC"] = ((long)_options.Watchdog.TotalMicroseconds).ToString(
                CultureInfo.InvariantCulture
            );
        }

        // Registered before the program starts: a stop that comes early still stops it the configured way.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(
                new ChildProcessSpec(
                    _options.Command[0],
                    _options.Command.Skip(1).ToList(),
                    Environment.CurrentDirectory,
                    environment
                )
            );
        }
        catch (ChildStartException e)
        {
            await _error.WriteLineAsync($"moneybot pod run: {_options.Name}: {e.Message}").ConfigureAwait(false);
            return 127;
        }

        await using (child.ConfigureAwait(false))
        {
            Update(s => s with { Pid = child.Pid, StartedMs = Now() });
            await _error
                .WriteLineAsync(
                    $"moneybot pod run: {_options.Name} started (pid {child.Pid}): {string.Join(' ', _options.Command)}"
                )
                .ConfigureAwait(false);
            var output = Task.WhenAll(
                child.StandardOutput.CopyToAsync(Console.OpenStandardOutput(), cancellationToken),
                child.StandardError.CopyToAsync(Console.OpenStandardError(), cancellationToken)
            );
            using var ready =
                _options.Ready == ReadyMode.StartSecs
                    ? _time.CreateTimer(_ => MarkReady(), null, _options.StartSecs, Timeout.InfiniteTimeSpan)
                    : null;

            if (await Task.WhenAny(child.Exited, stop.Task).ConfigureAwait(false) != child.Exited)
            {
                await StopAsync(child).ConfigureAwait(false);
            }

            var status = await child.Exited.ConfigureAwait(false);
            await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(2), _time, CancellationToken.None))
                .ConfigureAwait(false);
            File.Delete(PodState.PathIn(directory, _options.Name));
            await _error.WriteLineAsync($"moneybot pod run: {_options.Name} ended: {status}").ConfigureAwait(false);
            return status.Signal is { } signal ? 128 + signal : status.Code ?? 0;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    private async Task StopAsync(ChildProcess child)
    {
        var signal = (int)_options.StopSignal;
        await _error
            .WriteLineAsync(
                $"moneybot pod run: stopping {_options.Name}: {SignalNames.Name(signal)}, SIGKILL after "
                    + Durations.Format(_options.StopTimeout)
            )
            .ConfigureAwait(false);
        child.SignalGroup(signal);
        var timeout = Task.Delay(_options.StopTimeout, _time, CancellationToken.None);
        if (await Task.WhenAny(child.Exited, timeout).ConfigureAwait(false) != child.Exited)
        {
            await _error
                .WriteLineAsync($"moneybot pod run: {_options.Name} still running after the stop timeout: SIGKILL")
                .ConfigureAwait(false);
            child.KillTree();
        }
    }

    private void Notified(NotifyMessage message)
    {
        var now = Now();
        Update(s =>
        {
            if (message.Ready && !s.Ready)
            {
                s = s with { Ready = true, ReadyMs = now };
            }

            if (message.Watchdog)
            {
                s = s with { LastWatchdogMs = now };
            }

            return message.Status is { } status ? s with { Status = status } : s;
        });
    }

    private void MarkReady()
    {
        var now = Now();
        Update(s => s.Ready ? s : s with { Ready = true, ReadyMs = now });
    }

    private void Update(Func<PodState, PodState> change)
    {
        lock (_gate)
        {
            _state = change(_state);
            try
            {
                _state.Save(_options.StateDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _error.WriteLine($"moneybot pod run: cannot save the state for the probes: {e.Message}");
            }
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
