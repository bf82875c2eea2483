namespace MoneyBot.Bots.Tests.OrderFlow.Replay;

/// <summary>Replay inputs and golden outputs kept as files in <c>Fixtures/</c> beside this source file.</summary>
internal static class ReplayFixture
{
    public static string PathOf(string name) => SourceFixture.PathOf(name);
}
