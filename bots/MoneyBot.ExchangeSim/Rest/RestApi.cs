namespace MoneyBot.ExchangeSim.Rest;

/// <summary>Which of Binance's REST APIs a path belongs to; each counts its request weight apart.</summary>
internal enum RestApi
{
    /// <summary>Spot, <c>/api/v3</c>.</summary>
    Spot,

    /// <summary>USD-M futures, <c>/fapi/v1</c>.</summary>
    UsdM,

    /// <summary>COIN-M futures, <c>/dapi/v1</c> (served empty).</summary>
    CoinM,
}
