using System.Runtime.InteropServices;

namespace MoneyBot.Common.Bots;

/// <summary>
/// SIGTERM and SIGINT as a cancellation token, with the signal's name as the reason. The process is
/// not killed: the verb cancelled by the token finishes its own way (the live bot flushes, saves and
/// says goodbye), however long that takes.
/// </summary>
public sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource cancel;
    private readonly PosixSignalRegistration term;
    private readonly PosixSignalRegistration interrupt;
    private string? reason;

    /// <summary>Listens for SIGTERM and SIGINT until disposed.</summary>
    public Termination(CancellationToken cancellationToken)
    {
        cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled on SIGTERM, SIGINT, or when the caller's token is.</summary>
    public CancellationToken Token => cancel.Token;

    /// <summary>"SIGTERM", "SIGINT", or "cancelled" when the caller's token was; null before any.</summary>
    public string? Reason => Volatile.Read(ref reason) ?? (cancel.IsCancellationRequested ? "cancelled" : null);

    /// <inheritdoc/>
    public void Dispose()
    {
        term.Dispose();
        interrupt.Dispose();
        cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // no default termination: the cancellation below ends the verb
        Interlocked.CompareExchange(ref reason, context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT", null);
        cancel.Cancel();
    }
}
