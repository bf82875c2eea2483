using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

/// <summary>The legal moves between <see cref="ProgramState"/>s; anything else is a bug.</summary>
public static class StateMachine
{
    public static bool IsLegal(ProgramState from, ProgramState to) =>
        (from, to) switch
        {
            (Stopped or Exited or Fatal or Backoff, Starting) => true,
            (Starting, Running or Backoff or Exited or Fatal or Stopping) => true,
            (Running, Backoff or Exited or Fatal or Stopping) => true,
            (Backoff, Stopped) => true,
            (Stopping, Stopped) => true,
            (Exited or Fatal, Stopped) => true,
            _ => false,
        };

    /// <summary>True for states in which a process of the program exists.</summary>
    public static bool HasProcess(ProgramState state) => state is Starting or Running or Stopping;
}
