namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>
/// Protocol fixtures: Binance messages and answers kept as files in <c>Fixtures/</c> beside this source file.
/// </summary>
public static class Fixture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(SourceFixture.PathOf(name));
}
