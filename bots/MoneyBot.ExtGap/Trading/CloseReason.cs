namespace MoneyBot.ExtGap.Trading;

/// <summary>Why a position was closed.</summary>
public enum CloseReason
{
    /// <summary>A reversal gap (<c>REVERSE</c> in the trades file).</summary>
    Reverse,

    /// <summary>Held for the maximum time (<c>24H_EXPIRY</c> in the trades file).</summary>
    Expiry,
}
