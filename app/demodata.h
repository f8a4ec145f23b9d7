#pragma once
// A realistic French demo dataset for a desk: titles and offers, subscribers at real postal codes and
// towns, subscriptions in every state, holds and holiday addresses around today, a few complaints.
// Demo rows are a local fixture: they are written directly (no audit, no outbox), in large
// transactions, and the desk is marked as a demo desk.

#include "result.h"
#include "store.h"

#include <functional>

namespace Relais {

struct DemoOptions
{
    qint64 subscribers = 1000;
    quint32 seed = 1;
    QDate today = QDate::currentDate();
    // Called every few thousand subscribers with (done, total); returns false to cancel.
    std::function<bool(qint64, qint64)> progress;
};

struct DemoSummary
{
    int publications = 0;
    int offers = 0;
    qint64 subscribers = 0;
    qint64 subscriptions = 0;
    qint64 holds = 0;
    qint64 holidayAddresses = 0;
    qint64 complaints = 0;
};

// Whether demo data may go into this desk: refused (a Conflict saying why) when the desk holds work
// of its own (a subscriber or subscription no demo run made, any outbox operation) or is registered
// with a server (meta server_url, server_epoch or sync_registered set). Demo rows are not clerks'
// work and must never reach a server or mix with real subscribers. relaisctl demo asks first.
Status demoAllowed(Store &store);

// Adds the demo catalogue if it is missing, then `subscribers` new subscribers with their
// subscriptions. All or nothing per batch of subscribers; a cancelled run keeps whole batches.
Result<DemoSummary> generateDemo(Store &store, const DemoOptions &options);

} // namespace Relais
