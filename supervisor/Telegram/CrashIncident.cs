using MoneyBot.Common.Telegram;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Telegram;

/// <summary>
/// Crashes of one program close together, told in one Telegram message per chat that is edited as they come.
/// </summary>
internal sealed class CrashIncident(ProgramStateChanged first)
{
    private readonly Lock _gate = new();
    private ProgramStateChanged _last = first;
    private bool _runningAgain;

    public DateTimeOffset Since { get; } = first.At;

    public int Crashes { get; private set; } = 1;

    /// <summary>The message per chat (its id once Telegram has it).</summary>
    public Dictionary<ChatId, Task<long?>> Messages { get; } = [];

    public bool RunningAgain
    {
        set
        {
            lock (_gate)
            {
                _runningAgain = value;
            }
        }
    }

    /// <summary>True when a crash at <paramref name="at"/> belongs to this incident (a zero window: never).</summary>
    public bool Covers(DateTimeOffset at, TimeSpan window)
    {
        lock (_gate)
        {
            return window > TimeSpan.Zero && at - _last.At <= window;
        }
    }

    public void Add(ProgramStateChanged crash)
    {
        lock (_gate)
        {
            Crashes++;
            _last = crash;
            _runningAgain = false;
        }
    }

    /// <summary>The text as of now (called from delivery continuations, so under the lock).</summary>
    public string Text()
    {
        lock (_gate)
        {
            return NotificationTexts.CrashLoop(_last.Program, Crashes, Since, _last, _runningAgain);
        }
    }
}
