using Microsoft.Extensions.Hosting;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>
/// A service that handles the <see cref="EventBus"/>'s events in order, from the moment it starts (it subscribes in
/// <see cref="StartAsync"/>, so nothing published after start returns is missed) until it stops or
/// <see cref="Handle"/> says it has had the last one.
/// </summary>
public abstract class EventSubscriber(EventBus events) : BackgroundService
{
    private IAsyncEnumerable<SupervisorEvent>? _subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.SubscribeAsync(CancellationToken.None); // ended by ExecuteAsync's token
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Handles one event; true when it was the last this subscriber wants.</summary>
    protected abstract bool Handle(SupervisorEvent evt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = _subscription ?? throw new InvalidOperationException("StartAsync subscribes first");
        try
        {
            await foreach (var evt in subscription.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                if (Handle(evt))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
