using Microsoft.Extensions.Hosting;

namespace MoneyBot.Common.Hosting;

/// <summary>
/// A host lifetime that hooks nothing. A web host that runs inside a bot, the simulator or a test process must not
/// install the console lifetime's SIGTERM/Ctrl+C handlers: the process handles its signals itself.
/// </summary>
public sealed class InProcessLifetime : IHostLifetime
{
    /// <inheritdoc/>
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
