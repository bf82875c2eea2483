using System.Globalization;
using Microsoft.Extensions.Logging;
using MoneyBot.ExchangeSim.Hosting;
using MoneyBot.ExchangeSim.Streams;

namespace MoneyBot.ExchangeSim.Faults;

/// <summary>Injects the faults: drop, stall, malformed, refuse (and clears the timed ones). Thread-safe.</summary>
internal sealed class FaultInjector(FaultState state, StreamBroadcaster broadcaster, ILogger logger)
{
    public bool IsRefusing => state.IsRefusing;

    /// <summary>Drops every websocket at once, without a close frame; returns how many.</summary>
    public int Drop()
    {
        var dropped = broadcaster.DropAll();
        logger.FaultInjected("drop", string.Create(CultureInfo.InvariantCulture, $"{dropped} connection(s)"));
        return dropped;
    }

    /// <summary>Keeps the sockets open but sends nothing (pings aside) for <paramref name="duration"/>; what would have been sent is lost.</summary>
    public void Stall(TimeSpan duration)
    {
        state.Stall(duration);
        logger.FaultInjected("stall", $"for {duration}");
    }

    /// <summary>Sends one frame of invalid JSON on each stream of each connection; returns the number of frames.</summary>
    public int SendMalformed()
    {
        var frames = broadcaster.SendMalformed();
        logger.FaultInjected("malformed", string.Create(CultureInfo.InvariantCulture, $"{frames} frame(s)"));
        return frames;
    }

    /// <summary>Answers new websocket and REST requests with 503 for <paramref name="duration"/> (the <c>/sim</c> API stays up).</summary>
    public void Refuse(TimeSpan duration)
    {
        state.Refuse(duration);
        logger.FaultInjected("refuse", $"for {duration}");
    }

    /// <summary>Ends a stall or refusal now.</summary>
    public void Clear()
    {
        state.Clear();
        logger.FaultInjected("clear", string.Empty);
    }
}
