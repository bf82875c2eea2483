using Microsoft.Extensions.Hosting;

namespace MoneyBot.OrderFlow.Api;

/// <summary>
/// A host lifetime that hooks nothing: the API runs inside the bot (and inside test processes), which
/// handles SIGTERM/Ctrl+C itself; the console lifetime's handlers would be wrong there.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
