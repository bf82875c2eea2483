using System.Net;
using System.Net.Sockets;
using MoneyBot.Common.Units;

namespace MoneyBot.Supervisor.Pod;

/// <summary>
/// <c>moneybot pod wait HOST...</c>: an init container's wait for the programs a program depends on. Each
/// dependency has a headless Service, whose name resolves only while its pod is ready; this waits until every
/// name resolves, saying what it waits for every 10 s.
/// </summary>
public static class PodWait
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Report = TimeSpan.FromSeconds(10);

    /// <summary>0 once every host resolves; 1 when <paramref name="timeout"/> (if any) passes first.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> hosts,
        TimeSpan? timeout,
        TextWriter output,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(output);
        var started = TimeProvider.System.GetTimestamp();
        var lastReport = TimeSpan.MinValue;
        var waiting = hosts.ToList();
        while (true)
        {
            foreach (var host in waiting.ToList())
            {
                if (await ResolveAsync(host, cancellationToken).ConfigureAwait(false) is { } address)
                {
                    await output.WriteLineAsync($"{host} is ready ({address})").ConfigureAwait(false);
                    waiting.Remove(host);
                }
            }

            if (waiting.Count == 0)
            {
                return 0;
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (timeout is { } limit && elapsed >= limit)
            {
                await output
                    .WriteLineAsync($"gave up after {Durations.Format(limit)}: {string.Join(", ", waiting)} not ready")
                    .ConfigureAwait(false);
                return 1;
            }

            if (lastReport == TimeSpan.MinValue || elapsed - lastReport >= Report)
            {
                lastReport = elapsed;
                await output
                    .WriteLineAsync(
                        $"waiting for {string.Join(", ", waiting)} to be ready (no address yet; "
                            + $"{(long)elapsed.TotalSeconds}s so far)"
                    )
                    .ConfigureAwait(false);
            }

            await Task.Delay(Retry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IPAddress?> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? addresses[0] : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
