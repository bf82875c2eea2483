namespace MoneyBot.ExchangeSim.Rest;

/// <summary>
/// The request weight used per API in the current minute of real time (not market time), as Binance counts it per
/// IP; the simulator counts for all clients together. Binance's advertised one-minute limits are
/// <see cref="AdvertisedLimit"/>; the simulator answers 429 only above <see cref="EnforcedLimit"/>, ten times as much,
/// so that a client polling within Binance's rules never meets it. Thread-safe.
/// </summary>
internal sealed class RequestWeights(TimeProvider time)
{
    private const long MinuteMs = 60_000;
    private readonly Lock _sync = new();
    private readonly int[] _used = new int[3];
    private long _minute = long.MinValue;

    /// <summary>The one-minute REQUEST_WEIGHT limit Binance advertises in <c>exchangeInfo</c>.</summary>
    public static int AdvertisedLimit(RestApi api) => api == RestApi.Spot ? 6000 : 2400;

    /// <summary>The weight per minute above which the simulator answers 429 (ten times Binance's).</summary>
    public static int EnforcedLimit(RestApi api) => AdvertisedLimit(api) * 10;

    /// <summary>Adds a request's weight; returns the weight used this minute, this request included.</summary>
    public int Add(RestApi api, int weight)
    {
        var minute = time.GetUtcNow().ToUnixTimeMilliseconds() / MinuteMs;
        lock (_sync)
        {
            if (minute != _minute)
            {
                _minute = minute;
                Array.Clear(_used);
            }

            _used[(int)api] += weight;
            return _used[(int)api];
        }
    }

    /// <summary>Whole seconds until the next minute starts (at least 1): the <c>Retry-After</c> of a 429.</summary>
    public int SecondsToNextMinute()
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds() % MinuteMs;
        return (int)Math.Max(1, (MinuteMs - ms + 999) / 1000);
    }
}
