namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>
/// A fact that needs root (to create a second user, say): skipped, with the reason, when the tests run as anyone
/// else.
/// </summary>
public sealed class AsRootFactAttribute : FactAttribute
{
    public AsRootFactAttribute(string why)
    {
        if (Environment.UserName != "root")
        {
            Skip = $"needs root ({why}); the tests run as {Environment.UserName}";
        }
    }
}
