using MoneyBot.Supervisor.Logging;

namespace MoneyBot.Supervisor.Tests.Infrastructure;

/// <summary>Follows a log file from now on and waits for a line containing some text.</summary>
public sealed class LogWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly IAsyncEnumerator<string> _lines;

    public LogWatcher(string path)
    {
        Path = path;
        _lines = LogTail.FollowAsync(path, TimeProvider.System, _stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    public string Path { get; }

    public async Task<string> WaitForAsync(string text)
    {
        try
        {
            while (await _lines.MoveNextAsync())
            {
                if (_lines.Current.Contains(text, StringComparison.Ordinal))
                {
                    return _lines.Current;
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
        await _stop.CancelAsync();
        try
        {
            await _lines.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // cancelled on purpose
        }

        _stop.Dispose();
    }
}
