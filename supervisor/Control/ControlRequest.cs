namespace MoneyBot.Supervisor.Control;

/// <summary>One request over the control socket (one JSON line).</summary>
/// <param name="Verb">status, start, stop, restart, up, reload, down, health, ping.</param>
/// <param name="Target">A program, a group or <c>all</c> (for status: optional program name).</param>
public sealed record ControlRequest(string Verb, string? Target = null);
