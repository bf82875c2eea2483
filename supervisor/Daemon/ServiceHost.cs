using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Starts the daemon's services in the order they were added and stops them in reverse, each within a bound. A
/// service whose <see cref="BackgroundService.ExecuteAsync"/> fails while the daemon runs is logged, not
/// rethrown: supervision goes on without it.
/// </summary>
internal sealed partial class ServiceHost(ILogger logger)
{
    /// <summary>How long one service may take to stop before the next is stopped regardless.</summary>
    public static readonly TimeSpan DefaultStopBound = TimeSpan.FromSeconds(10);

    private readonly List<(string Name, IHostedService Service, TimeSpan StopBound)> _services = [];
    private readonly List<(string Name, IHostedService Service, TimeSpan StopBound)> _started = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a service, started after those added before it and stopped before them.</summary>
    public void Add(string name, IHostedService service, TimeSpan? stopBound = null) =>
        _services.Add((name, service, stopBound ?? DefaultStopBound));

    /// <summary>The services' names in start order.</summary>
    public IReadOnlyList<string> Names => _services.Select(s => s.Name).ToList();

    /// <summary>
    /// Starts every service in order. When one fails to start, those already started are stopped (in reverse) and
    /// the failure is rethrown.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _services)
        {
            try
            {
                await entry.Service.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await StopAsync().ConfigureAwait(false);
                throw;
            }

            lock (_gate)
            {
                _started.Add(entry);
            }

            if (entry.Service is BackgroundService { ExecuteTask: { } running })
            {
                _ = running.ContinueWith(
                    t => Log.ServiceFailed(logger, entry.Name, t.Exception!.GetBaseException()),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default
                );
            }
        }
    }

    /// <summary>Stops the started services in reverse order, each within its bound. Idempotent.</summary>
    public async Task StopAsync()
    {
        while (true)
        {
            (string Name, IHostedService Service, TimeSpan StopBound) entry;
            lock (_gate)
            {
                if (_started.Count == 0)
                {
                    return;
                }

                entry = _started[^1];
                _started.RemoveAt(_started.Count - 1);
            }

            using var bound = new CancellationTokenSource(entry.StopBound);
            try
            {
                await entry.Service.StopAsync(bound.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.StopFailed(logger, entry.Name, e);
            }
            catch (OperationCanceledException)
            {
                // the bound passed: said below
            }

            if (bound.IsCancellationRequested)
            {
                Log.StopTimedOut(logger, entry.Name, entry.StopBound);
            }

            (entry.Service as IDisposable)?.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "{Service} failed; the daemon goes on without it")]
        public static partial void ServiceFailed(ILogger logger, string service, Exception exception);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Service} failed to stop")]
        public static partial void StopFailed(ILogger logger, string service, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} did not stop within {Bound}; left behind")]
        public static partial void StopTimedOut(ILogger logger, string service, TimeSpan bound);
    }
}
