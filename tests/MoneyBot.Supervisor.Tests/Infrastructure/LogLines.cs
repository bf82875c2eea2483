using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>Waits for a line in a log file: one already there, or the next one written.</summary>
public static class LogLines
{
    public static async Task<string> WaitForAsync(string path, string prefix, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var following = LogTail.FollowAsync(path, TimeProvider.System, cts.Token); // from now on, before looking back
        var existing = LogTail
            .ReadLast(path, 10_000, 0)
            .FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (existing is not null)
        {
            return existing;
        }

        try
        {
            await foreach (var line in following)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // reported below
        }

        throw new TimeoutException($"no line starting with '{prefix}' in {path}");
    }
}
