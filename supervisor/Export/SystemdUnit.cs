namespace MoneyBot.Supervisor.Export;

/// <summary>One generated unit file: its name (<c>moneybot-extgap-3m.service</c>) and its whole text.</summary>
public sealed record SystemdUnit(string FileName, string Text);
