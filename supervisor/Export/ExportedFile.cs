namespace MoneyBot.Supervisor.Export;

/// <summary>One file an export writes: its name (<c>extgap-3m.yaml</c>) and its whole text.</summary>
public sealed record ExportedFile(string FileName, string Text);
