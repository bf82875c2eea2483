using System.Runtime.CompilerServices;

namespace MoneyBot.TestSupport;

/// <summary>
/// Test data kept as files in a <c>Fixtures/</c> folder beside the test source file that asks for them.
/// </summary>
public static class SourceFixture
{
    /// <summary>The path of <c>Fixtures/<paramref name="name"/></c> beside the calling source file.</summary>
    public static string PathOf(string name, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, "Fixtures", name);
}
