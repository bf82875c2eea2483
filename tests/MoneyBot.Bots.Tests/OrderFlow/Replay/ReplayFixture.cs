using System.Runtime.CompilerServices;

namespace MoneyBot.Bots.Tests.OrderFlow.Replay;

/// <summary>Replay inputs and golden outputs kept as files in <c>Fixtures/</c> beside this source file.</summary>
internal static class ReplayFixture
{
    public static string PathOf(string name) => Path.Combine(Directory(), "Fixtures", name);

    private static string Directory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
