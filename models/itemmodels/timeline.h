#pragma once
// What applied to a subscriber on a given day: the address (the permanent address then in force,
// rebuilt from the audit trail, or a holiday address covering the day) and each subscription's
// status. Pure functions over what the Store returns, so they are tested without a database.

#include "domain.h"

#include <QList>

namespace Relais {

struct SubscriptionOnDay
{
    Subscription subscription;
    SubscriptionStatus status = SubscriptionStatus::Active;
    std::optional<DeliveryChange> holidayAddress; // covering the day
};

struct DayState
{
    QDate day;
    Address permanentAddress;     // as it stood at the end of that day
    bool knownFromHistory = true; // false when the subscriber did not exist yet that day
    QList<SubscriptionOnDay> subscriptions;
};

// `current`: the subscriber now; `audit`: its audit entries (any order); `changes`: the delivery
// changes of each subscription, by subscription id.
DayState stateOn(QDate day, const Subscriber &current, const QList<AuditEntry> &audit,
                 const QList<Subscription> &subscriptions,
                 const QHash<QString, QList<DeliveryChange>> &changes);

} // namespace Relais
