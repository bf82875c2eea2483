namespace MoneyBot.OrderFlow.Flow;

/// <summary>Direction of the CVD slope against the epsilon.</summary>
public enum CvdTrend : byte
{
    /// <summary>Not enough one-minute bars yet.</summary>
    Unknown,

    /// <summary>Slope above epsilon.</summary>
    Rising,

    /// <summary>Slope below minus epsilon.</summary>
    Falling,

    /// <summary>In between.</summary>
    Flat,
}
