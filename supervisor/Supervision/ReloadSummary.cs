namespace MoneyBot.Supervisor.Supervision;

/// <summary>What a reload changed.</summary>
public sealed record ReloadSummary(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed
)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public override string ToString() =>
        IsEmpty
            ? "no changes"
            : string.Join(
                "; ",
                new[]
                {
                    Added.Count > 0 ? "added " + string.Join(", ", Added) : null,
                    Removed.Count > 0 ? "removed " + string.Join(", ", Removed) : null,
                    Changed.Count > 0 ? "restarted (changed) " + string.Join(", ", Changed) : null,
                }.Where(s => s is not null)
            );
}
