using System.Runtime.CompilerServices;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>Protocol fixtures: Binance messages and answers kept as files in <c>Fixtures/</c> beside this source file.</summary>
public static class Fixture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory(), "Fixtures", name));

    private static string Directory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
