using MoneyBot.Supervisor.Config;

namespace MoneyBot.Supervisor.Supervision;

public sealed partial class ProgramSet
{
    /// <summary>
    /// Applies a new, already validated configuration: removed programs are stopped, changed ones are
    /// stopped, reconfigured and started again if they were active, added ones start if autostart.
    /// Untouched programs keep running with the same pid.
    /// </summary>
    public async Task<ReloadSummary> ReloadAsync(SupervisorConfig config, CancellationToken cancellationToken = default)
    {
        var current = Programs.ToDictionary(p => p.Name);
        var next = config.Programs.ToDictionary(p => p.Name);
        var removed = current.Values.Where(p => !next.ContainsKey(p.Name)).ToList();
        var changed = current
            .Values.Where(p => next.TryGetValue(p.Name, out var n) && !p.Config.HasSameSettingsAs(n))
            .ToList();
        var added = config.Programs.Where(p => !current.ContainsKey(p.Name)).ToList();

        await StopAsync(removed, byOperator: false, cancellationToken).ConfigureAwait(false);
        foreach (var program in removed)
        {
            await program.DisposeAsync().ConfigureAwait(false);
        }

        var wasActive = changed
            .Where(p => p.State is ProgramState.Starting or ProgramState.Running or ProgramState.Backoff)
            .Select(p => p.Name)
            .ToHashSet();
        await StopAsync(changed, byOperator: false, cancellationToken).ConfigureAwait(false);
        foreach (var program in changed)
        {
            await program.ReconfigureAsync(next[program.Name], cancellationToken).ConfigureAwait(false);
        }

        var created = added.Select(p => Create(p, stoppedByOperator: false)).ToList();
        lock (_gate)
        {
            var byName = _programs.Concat(created).ToDictionary(p => p.Name);
            _programs = config.Programs.Select(p => byName[p.Name]).ToList();
        }

        var toStart = changed
            .Where(p => wasActive.Contains(p.Name) || (p.Config.Autostart && !p.Status().StoppedByOperator))
            .Concat(created.Where(p => p.Config.Autostart));
        await StartAsync(toStart, byOperator: false, cancellationToken).ConfigureAwait(false);

        var summary = new ReloadSummary(
            added.Select(p => p.Name).ToList(),
            removed.Select(p => p.Name).ToList(),
            changed.Select(p => p.Name).ToList()
        );
        _events.Publish(new ConfigReloaded(_time.GetUtcNow(), summary.Added, summary.Removed, summary.Changed));
        _onChanged(this);
        return summary;
    }
}
