using Microsoft.Extensions.Hosting;

namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>
/// A host lifetime that hooks nothing: the simulator runs inside test processes, where the console
/// lifetime's SIGTERM/Ctrl+C handlers would be wrong. The executable handles signals itself.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
