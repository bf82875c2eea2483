namespace MoneyBot.ExtGap.Trading;

/// <summary>When a reversal's new position is entered.</summary>
public enum EntryRule
{
    /// <summary>At the detection candle's close (what the production bots do).</summary>
    Close,

    /// <summary>At the next candle's open.</summary>
    NextOpen,
}
