namespace MoneyBot.Supervisor.Tests.Logging;

/// <summary>A read-only stream whose reads hand out at most the next size of <c>pieces</c> (in a cycle).</summary>
internal sealed class BurstyStream(byte[] data, int[] pieces) : MemoryStream(data, writable: false)
{
    private int _next;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, pieces[_next++ % pieces.Length])], cancellationToken);
}
