using MoneyBot.Supervisor.Reports;
using MoneyBot.Supervisor.Supervision;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>Counts crashes for the reports and tells the page releaser that something happened.</summary>
internal sealed class DaemonObserver(EventBus events, CrashLedger ledger, PageReleaser? pages) : EventSubscriber(events)
{
    protected override bool Handle(SupervisorEvent evt)
    {
        ledger.Observe(evt);
        pages?.Notice();
        return false;
    }
}
