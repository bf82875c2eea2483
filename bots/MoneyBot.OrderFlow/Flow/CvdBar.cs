namespace MoneyBot.OrderFlow.Flow;

/// <summary>One minute of CVD: its value at the start of the minute, its extremes and its last value.</summary>
/// <param name="MinuteMs">Start of the minute (exchange time, Unix ms).</param>
/// <param name="Open">CVD when the minute began (0 at a session start).</param>
/// <param name="High">Highest CVD in the minute.</param>
/// <param name="Low">Lowest CVD in the minute.</param>
/// <param name="Close">CVD after the minute's last trade (so far, for the current minute).</param>
public readonly record struct CvdBar(long MinuteMs, decimal Open, decimal High, decimal Low, decimal Close);
