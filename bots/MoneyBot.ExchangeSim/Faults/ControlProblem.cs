namespace MoneyBot.ExchangeSim.Faults;

/// <summary>The answer of the control API to a bad request: <c>{"error":"..."}</c>.</summary>
internal sealed record ControlProblem(string Error);
