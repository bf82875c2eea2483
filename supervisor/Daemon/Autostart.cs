using Microsoft.Extensions.Hosting;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Starts the autostart programs (in dependency order) once everything that watches them runs, then says so with
/// <see cref="DaemonStarted"/>. Its work is done then; <see cref="Done"/> completes (also when it is stopped first).
/// </summary>
internal sealed class Autostart(
    ProgramSet programs,
    EventBus events,
    bool enabled,
    Func<string> configPath,
    TimeProvider time
) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the start chain has ended, whichever way.</summary>
    public Task Done => _done.Task;

    /// <summary>Completes <see cref="Done"/> for a start chain that never ran (the daemon failed to start).</summary>
    public void GiveUp() => _done.TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (enabled)
            {
                await programs
                    .StartAsync(programs.AutostartSet(), byOperator: false, stoppingToken)
                    .ConfigureAwait(false);
            }

            events.Publish(new DaemonStarted(time.GetUtcNow(), configPath(), programs.Statuses()));
        }
        finally
        {
            _done.TrySetResult();
        }
    }
}
