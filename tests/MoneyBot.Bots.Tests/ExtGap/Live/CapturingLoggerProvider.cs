using Microsoft.Extensions.Logging;
using MoneyBot.Bots.Tests.MarketData;

namespace MoneyBot.Bots.Tests.ExtGap.Live;

/// <summary>Routes every category to one <see cref="CapturingLogger"/>.</summary>
public sealed class CapturingLoggerProvider(CapturingLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
