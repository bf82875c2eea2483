using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>Follows a log file from now on and waits for a line containing some text.</summary>
public sealed class LogWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(30));
    private readonly IAsyncEnumerator<string> lines;

    public LogWatcher(string path)
    {
        Path = path;
        lines = LogTail.FollowAsync(path, TimeProvider.System, stop.Token).GetAsyncEnumerator(stop.Token);
    }

    public string Path { get; }

    public async Task<string> WaitForAsync(string text)
    {
        try
        {
            while (await lines.MoveNextAsync())
            {
                if (lines.Current.Contains(text, StringComparison.Ordinal))
                {
                    return lines.Current;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // fall through to the timeout below
        }

        throw new TimeoutException($"no line containing '{text}' appeared in {Path} within 30s");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await lines.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // cancelled on purpose
        }

        stop.Dispose();
    }
}
