namespace MoneyBot.Dashboard.Tests.Infrastructure;

/// <summary>
/// The tests that share one running system (<see cref="SystemRig"/>): one at a time, the browser tests included
/// (one browser, one set of bots; a test that freezes the market or stops a bot must not overlap another).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunningSystem : ICollectionFixture<SystemRig>
{
    public const string Name = "running system";
}
