namespace MoneyBot.Bots.Tests.Infrastructure;

/// <summary>
/// The bots' executables, run from their own build output (the test folder's copy would lack the logging packages
/// that the ASP.NET Core framework of the tests carries).
/// </summary>
internal static class BotExecutables
{
    public static string ExtGap => RepositoryLayout.Executable("bots/MoneyBot.ExtGap", "extgap");

    public static string ExchangeSim => RepositoryLayout.Executable("bots/MoneyBot.ExchangeSim", "exchange-sim");

    public static string OrderFlow => RepositoryLayout.Executable("bots/MoneyBot.OrderFlow", "orderflow");
}
