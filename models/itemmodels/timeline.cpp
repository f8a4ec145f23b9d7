#include "timeline.h"

#include "writepath.h"

#include <QHash>

#include <algorithm>

namespace Relais {

namespace {
void applyAddressValue(Address &a, const QString &column, const QString &value)
{
    if (column == u"line2")
        a.line2 = value;
    else if (column == u"line3")
        a.line3 = value;
    else if (column == u"line4")
        a.line4 = value;
    else if (column == u"line5")
        a.line5 = value;
    else if (column == u"postal_code")
        a.postalCode = value;
    else if (column == u"city")
        a.city = value;
    else if (column == u"country")
        a.country = value;
    else if (column == u"insee_code")
        a.inseeCode = value;
}
} // namespace

DayState stateOn(QDate day, const Subscriber &current, const QList<AuditEntry> &audit,
                 const QList<Subscription> &subscriptions,
                 const QHash<QString, QList<DeliveryChange>> &changes)
{
    DayState state;
    state.day = day;
    state.permanentAddress = current.address;
    // Walk the subscriber's changes back from the newest, undoing those made after that day.
    QList<AuditEntry> mine;
    for (const AuditEntry &e : audit)
        if (e.entityId == current.meta.id)
            mine << e;
    std::sort(mine.begin(), mine.end(),
              [](const AuditEntry &a, const AuditEntry &b) { return a.id > b.id; });
    const QDateTime endOfDay(day.addDays(1), QTime(0, 0));
    for (const AuditEntry &e : std::as_const(mine)) {
        if (e.at.toLocalTime() < endOfDay)
            break;
        if (e.operation == u"subscriber.create") {
            state.knownFromHistory = false;
            break;
        }
        const QVariantMap old = fromJson(e.oldValues);
        for (auto it = old.cbegin(); it != old.cend(); ++it)
            applyAddressValue(state.permanentAddress, it.key(), it.value().toString());
    }
    for (const Subscription &s : subscriptions) {
        SubscriptionOnDay sd;
        sd.subscription = s;
        const QList<DeliveryChange> cs = changes.value(s.meta.id);
        sd.status = subscriptionStatusOn(s, day, cs);
        for (const DeliveryChange &c : cs)
            if (!c.meta.deleted && c.kind == DeliveryChangeKind::TemporaryAddress && c.covers(day))
                sd.holidayAddress = c;
        state.subscriptions << sd;
    }
    return state;
}

} // namespace Relais
