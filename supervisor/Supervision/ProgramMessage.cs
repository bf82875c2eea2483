using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>What a <see cref="ProgramSupervisor"/>'s loop reacts to, one at a time.</summary>
internal abstract record ProgramMessage
{
    internal sealed record Start(TaskCompletionSource<ProgramStatus> Done, bool ByOperator) : ProgramMessage;

    internal sealed record Stop(TaskCompletionSource<ProgramStatus> Done, bool ByOperator) : ProgramMessage;

    internal sealed record Reconfigure(ProgramConfig Config, TaskCompletionSource<ProgramStatus> Done) : ProgramMessage;

    internal sealed record ProcessExited(ChildProcess Child, ExitStatus Status) : ProgramMessage;

    internal sealed record TimerFired(int Epoch) : ProgramMessage;

    internal sealed record Notified(Health.NotifyMessage Message) : ProgramMessage;

    internal sealed record WatchdogExpired(int Generation) : ProgramMessage;

    internal sealed record ShowWaiting(string Reason, TaskCompletionSource<ProgramStatus> Done) : ProgramMessage;

    internal sealed record Shutdown(TaskCompletionSource<ProgramStatus> Done) : ProgramMessage;
}
