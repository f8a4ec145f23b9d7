// Store: subscriptions, holds and holiday addresses, complaints.

#include "store_p.h"

#include "migrations.h"
#include "recordvalidation.h"
#include "validation.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Relais {

using namespace StoreDetail;

// ---- subscriptions -----------------------------------------------------------------------------

Result<Subscription> Store::addSubscription(Subscription s)
{
    if (s.payerId.isEmpty())
        s.payerId = s.recipientId;
    s.meta.id = s.meta.id.isEmpty() ? newUuid() : s.meta.id;
    s.cancelDate = {};
    s.cancelReason.clear();
    // The offer, recipient and payer are read inside the write's transaction.
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    Issues issues;
    const auto offer = offerById(s.offerId);
    if (!offer)
        issues << Issue{QStringLiteral("offer"), QStringLiteral("offer.unknown"),
                        tr("The offer does not exist.")};
    if (!subscriberById(s.recipientId))
        issues << Issue{QStringLiteral("subscriber"), QStringLiteral("subscriber.unknown"),
                        tr("The recipient does not exist.")};
    if (s.payerId != s.recipientId && !subscriberById(s.payerId))
        issues << Issue{QStringLiteral("payer"), QStringLiteral("payer.unknown"),
                        tr("The payer does not exist.")};
    if (offer && s.start.isValid() && !s.end.isValid())
        s.end = s.start.addMonths(offer->months).addDays(-1);
    issues << Validation::validateSubscription(s, Validation::SubscriptionFields::deskFields());
    if (!issues.isEmpty())
        return Error::invalid(issues);
    s.publicationId = offer->publicationId;
    if (auto r = write(Change::Kind::Create, QStringLiteral("subscription.create"),
                       QStringLiteral("subscription"), s.meta.id, Rows::subscription(s));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(s.meta.id);
}

Result<Subscription> Store::cancelSubscription(const Subscription &seen, QDate date,
                                               const QString &reason)
{
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    // The rules look at the subscription as stored; the base of the change is what the clerk saw.
    const auto s = subscriptionById(seen.meta.id);
    if (!s)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    if (Issues
            issues = Validation::validateCancellation(s->start, date, reason,
                                                      Validation::SubscriptionFields::deskFields());
        !issues.isEmpty())
        return Error::invalid(issues);
    if (s->cancelDate.isValid())
        return conflict(QStringLiteral("subscription.cancelled"), QStringLiteral("date"),
                        tr("This subscription is already cancelled from %1.")
                            .arg(Validation::displayDate(s->cancelDate)));
    if (auto r = update(QStringLiteral("subscription.cancel"), QStringLiteral("subscription"),
                        seen.meta.id,
                        {{QStringLiteral("cancel_date"), Rows::date(date)},
                         {QStringLiteral("cancel_reason"), reason.trimmed()},
                         {QStringLiteral("auto_renew"), 0}},
                        Rows::subscription(seen));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(seen.meta.id);
}

Result<Subscription> Store::cancelSubscription(const QString &id, QDate date, const QString &reason)
{
    const auto seen = subscriptionById(id);
    if (!seen)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    return cancelSubscription(*seen, date, reason);
}

Result<Subscription> Store::renewSubscription(const Subscription &seen)
{
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto s = subscriptionById(seen.meta.id);
    if (!s)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    if (s->cancelDate.isValid())
        return conflict(QStringLiteral("subscription.cancelled"), QStringLiteral("subscription"),
                        tr("A cancelled subscription cannot be renewed; restart it first."));
    const auto offer = offerById(s->offerId);
    if (!offer || !s->end.isValid())
        return conflict(QStringLiteral("subscription.open_ended"), QStringLiteral("end"),
                        tr("This subscription has no end date to renew from."));
    // One more term from the end as stored: if another desk renewed meanwhile, the base (the end the
    // clerk saw) no longer matches the server, which reports the conflict instead of renewing twice
    // silently.
    const QDate end = s->end.addDays(1).addMonths(offer->months).addDays(-1);
    if (auto r = update(QStringLiteral("subscription.renew"), QStringLiteral("subscription"),
                        seen.meta.id, {{QStringLiteral("end_date"), Rows::date(end)}},
                        Rows::subscription(seen));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(seen.meta.id);
}

Result<Subscription> Store::renewSubscription(const QString &id)
{
    const auto seen = subscriptionById(id);
    if (!seen)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    return renewSubscription(*seen);
}

Result<Subscription> Store::restartSubscription(const Subscription &seen)
{
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto s = subscriptionById(seen.meta.id);
    if (!s)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    if (!s->cancelDate.isValid())
        return conflict(QStringLiteral("subscription.not_cancelled"),
                        QStringLiteral("subscription"), tr("This subscription is not cancelled."));
    // The cleared date travels as null (not ""), so that the server clears it too.
    if (auto r = update(QStringLiteral("subscription.restart"), QStringLiteral("subscription"),
                        seen.meta.id,
                        {{QStringLiteral("cancel_date"), Rows::date(QDate())},
                         {QStringLiteral("cancel_reason"), QStringLiteral("")}},
                        Rows::subscription(seen));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(seen.meta.id);
}

Result<Subscription> Store::restartSubscription(const QString &id)
{
    const auto seen = subscriptionById(id);
    if (!seen)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    return restartSubscription(*seen);
}

Issues Store::overlapIssues(const DeliveryChange &c)
{
    QList<DeliveryChange> others;
    for (const DeliveryChange &other : deliveryChangesOf(c.subscriptionId)) {
        if (!other.meta.deleted && other.meta.id != c.meta.id)
            others << other;
    }
    return Validation::validateNoOverlap(c, others, QStringLiteral("from"));
}

Result<DeliveryChange> Store::addDeliveryChange(DeliveryChange c,
                                                const std::optional<Subscription> &seenSubscription)
{
    Issues issues = Validation::validateDateRange(c.from, c.to, QStringLiteral("from"),
                                                  QStringLiteral("to"));
    if (c.kind == DeliveryChangeKind::TemporaryAddress)
        issues << Validation::validateAddress(c.address);
    if (!issues.isEmpty())
        return Error::invalid(issues);
    if (seenSubscription && seenSubscription->meta.id != c.subscriptionId)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.seen"),
                           QStringLiteral("the subscription seen is not the hold's"));
    c.meta.id = c.meta.id.isEmpty() ? newUuid() : c.meta.id;
    const bool hold = c.kind == DeliveryChangeKind::Hold;
    // The overlap check reads inside the write's transaction: another connection cannot add an
    // overlapping hold in between.
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto sub = subscriptionById(c.subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    if (Issues overlap = overlapIssues(c); !overlap.isEmpty()) {
        Error e = Error::make(ErrorKind::Conflict, QStringLiteral("range.overlap"),
                              overlap.first().message);
        e.issues = overlap;
        return e;
    }
    if (auto r = write(Change::Kind::Create,
                       hold ? QStringLiteral("hold.create")
                            : QStringLiteral("holiday_address.create"),
                       QStringLiteral("delivery_change"), c.meta.id, Rows::deliveryChange(c));
        !r)
        return r.error();
    if (Status st = compensateHold(*sub, seenSubscription.value_or(*sub), DeliveryChange{}, c); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return c;
}

Status Store::compensateHold(const Subscription &current, const Subscription &seen,
                             const DeliveryChange &before, const DeliveryChange &after)
{
    // The reader gets the issues a hold misses back at the end of the term: the end moves by the
    // difference between the issues the hold misses after the change and before it.
    const auto pub = publicationById(current.publicationId);
    if (!pub || !current.end.isValid())
        return Ok{};
    auto missed = [&](const DeliveryChange &c) {
        int n = 0;
        if (c.meta.deleted || c.kind != DeliveryChangeKind::Hold
            || c.compensation != HoldCompensation::ExtendEnd || !c.from.isValid()
            || !c.to.isValid())
            return 0;
        for (QDate d = qMax(c.from, current.start); d <= c.to; d = d.addDays(1))
            n += pub->weekdays.contains(d) ? 1 : 0;
        return n;
    };
    const int delta = missed(after) - missed(before);
    if (delta == 0)
        return Ok{};
    const QDate end = moveByIssues(current.end, delta, pub->weekdays);
    if (auto r = update(QStringLiteral("subscription.extend"), QStringLiteral("subscription"),
                        current.meta.id, {{QStringLiteral("end_date"), Rows::date(end)}},
                        Rows::subscription(seen));
        !r)
        return r.error();
    return Ok{};
}

Result<DeliveryChange> Store::changeDeliveryChange(const DeliveryChange &seen,
                                                   const Subscription &seenSubscription, QDate from,
                                                   QDate to)
{
    if (Issues issues = Validation::validateDateRange(from, to, QStringLiteral("from"),
                                                      QStringLiteral("to"));
        !issues.isEmpty())
        return Error::invalid(issues);
    if (seenSubscription.meta.id != seen.subscriptionId)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.seen"),
                           QStringLiteral("the subscription seen is not the hold's"));
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto current = deliveryChangeById(seen.meta.id);
    if (!current || current->meta.deleted)
        return notFound(QStringLiteral("delivery_change.unknown"),
                        tr("This hold or holiday address does not exist."));
    const auto sub = subscriptionById(current->subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    DeliveryChange next = *current;
    next.from = from;
    next.to = to;
    if (Issues overlap = overlapIssues(next); !overlap.isEmpty()) {
        Error e = Error::make(ErrorKind::Conflict, QStringLiteral("range.overlap"),
                              overlap.first().message);
        e.issues = overlap;
        return e;
    }
    const bool hold = next.kind == DeliveryChangeKind::Hold;
    if (auto r = update(hold ? QStringLiteral("hold.update")
                             : QStringLiteral("holiday_address.update"),
                        QStringLiteral("delivery_change"), seen.meta.id,
                        {{QStringLiteral("from_date"), Rows::date(from)},
                         {QStringLiteral("to_date"), Rows::date(to)}},
                        Rows::deliveryChange(seen));
        !r)
        return r.error();
    if (Status st = compensateHold(*sub, seenSubscription, *current, next); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *deliveryChangeById(seen.meta.id);
}

Result<DeliveryChange> Store::changeDeliveryChange(const QString &id, QDate from, QDate to)
{
    const auto seen = deliveryChangeById(id);
    if (!seen || seen->meta.deleted)
        return notFound(QStringLiteral("delivery_change.unknown"),
                        tr("This hold or holiday address does not exist."));
    const auto seenSubscription = subscriptionById(seen->subscriptionId);
    if (!seenSubscription)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    return changeDeliveryChange(*seen, *seenSubscription, from, to);
}

Status Store::removeDeliveryChange(const DeliveryChange &seen, const Subscription &seenSubscription)
{
    if (seenSubscription.meta.id != seen.subscriptionId)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.seen"),
                           QStringLiteral("the subscription seen is not the hold's"));
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto current = deliveryChangeById(seen.meta.id);
    if (!current || current->meta.deleted)
        return notFound(QStringLiteral("delivery_change.unknown"),
                        tr("This hold or holiday address does not exist."));
    const auto sub = subscriptionById(current->subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    DeliveryChange removed = *current;
    removed.meta.deleted = true;
    const bool hold = current->kind == DeliveryChangeKind::Hold;
    // A tombstone, so that the removal syncs to the server and to the other desks.
    if (auto r = update(hold ? QStringLiteral("hold.delete")
                             : QStringLiteral("holiday_address.delete"),
                        QStringLiteral("delivery_change"), seen.meta.id,
                        {{QStringLiteral("deleted"), 1}},
                        {{QStringLiteral("deleted"), seen.meta.deleted ? 1 : 0}});
        !r)
        return r.error();
    if (Status st = compensateHold(*sub, seenSubscription, *current, removed); !st)
        return st;
    return tx.commit();
}

Status Store::removeDeliveryChange(const QString &id)
{
    const auto seen = deliveryChangeById(id);
    if (!seen || seen->meta.deleted)
        return notFound(QStringLiteral("delivery_change.unknown"),
                        tr("This hold or holiday address does not exist."));
    const auto seenSubscription = subscriptionById(seen->subscriptionId);
    if (!seenSubscription)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    return removeDeliveryChange(*seen, *seenSubscription);
}

std::optional<DeliveryChange> Store::deliveryChangeById(const QString &id)
{
    return selectOne<DeliveryChange>(db(),
                                     QStringLiteral("SELECT * FROM delivery_change WHERE id = ?"),
                                     id, readDeliveryChange);
}

Result<Complaint> Store::addComplaint(Complaint c,
                                      const std::optional<Subscription> &seenSubscription)
{
    const Issues issues = Validation::validateComplaint(c);
    if (seenSubscription && seenSubscription->meta.id != c.subscriptionId)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.seen"),
                           QStringLiteral("the subscription seen is not the complaint's"));
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto sub = subscriptionById(c.subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"),
                        tr("This subscription does not exist."));
    if (!issues.isEmpty())
        return Error::invalid(issues);
    c.meta.id = c.meta.id.isEmpty() ? newUuid() : c.meta.id;
    if (auto r = write(Change::Kind::Create, QStringLiteral("complaint.create"),
                       QStringLiteral("complaint"), c.meta.id, Rows::complaint(c));
        !r)
        return r.error();
    if (c.compensationIssues > 0 && sub->end.isValid()) {
        if (const auto pub = publicationById(sub->publicationId)) {
            const QDate end = addIssues(sub->end, c.compensationIssues, pub->weekdays);
            if (auto r = update(QStringLiteral("subscription.extend"),
                                QStringLiteral("subscription"), sub->meta.id,
                                {{QStringLiteral("end_date"), Rows::date(end)}},
                                Rows::subscription(seenSubscription.value_or(*sub)));
                !r)
                return r.error();
        }
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return c;
}

std::optional<Subscription> Store::subscriptionById(const QString &id)
{
    return selectOne<Subscription>(db(), QStringLiteral("SELECT * FROM subscription WHERE id = ?"),
                                   id, readSubscription);
}

QList<Subscription> Store::subscriptionsOf(const QString &subscriberId)
{
    return selectAll<Subscription>(db(),
                                   QStringLiteral(
                                       "SELECT * FROM subscription WHERE deleted = 0 AND "
                                       "(recipient_id = ? OR payer_id = ?) ORDER BY start_date"),
                                   {subscriberId, subscriberId}, readSubscription);
}

QList<DeliveryChange> Store::deliveryChangesOf(const QString &subscriptionId)
{
    return selectAll<DeliveryChange>(db(),
                                     QStringLiteral(
                                         "SELECT * FROM delivery_change WHERE deleted = 0 AND "
                                         "subscription_id = ? ORDER BY from_date"),
                                     {subscriptionId}, readDeliveryChange);
}

QList<Complaint> Store::complaintsOf(const QString &subscriptionId)
{
    return selectAll<Complaint>(db(),
                                QStringLiteral("SELECT * FROM complaint WHERE deleted = 0 AND "
                                               "subscription_id = ? ORDER BY issue_date"),
                                {subscriptionId}, readComplaint);
}

} // namespace Relais
