namespace MoneyBot.ExtGap.Detection;

/// <summary>A candidate gap level and the open time of the bar that holds it.</summary>
/// <param name="Value">The level (a low for the bear candidate, a high for the bull candidate).</param>
/// <param name="Time">The open time of the bar holding it.</param>
public readonly record struct Candidate(decimal Value, DateTimeOffset Time);
