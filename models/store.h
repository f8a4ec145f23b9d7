#pragma once
// The desk's local store: the business operations a clerk performs, each validated, written through
// the WritePath in one transaction (row + audit + outbox) and "saved" only once COMMIT returned.
// One Store per thread (it owns its connection).

#include "database.h"
#include "domain.h"
#include "result.h"
#include "writepath.h"

#include <QList>

#include <optional>

namespace Relais {

struct DeskInfo
{
    QString deskId;
    QString deskName;
    QString publisherId;
    bool demo = false;
};

struct OutboxOperation
{
    qint64 seq = 0;
    QString opId;
    QString deskId;
    QString operation;
    QString entity;
    QString entityId;
    QString fields; // JSON
    QString base;   // JSON
    QString clerk;
    QString at;
    int schemaVersion = 0;
    QString state;
};

struct TableCount
{
    QString table;
    qint64 rows = 0;
};

struct CheckReport
{
    bool ok = true;
    int schemaVersion = 0;
    QStringList problems;
    QList<TableCount> counts;
};

class Store final
{
public:
    // Opens or creates the desk database. A new desk gets a desk id and a local publisher.
    static Result<Store> open(const QString &path);
    Store(Store &&) noexcept = default;
    Store &operator=(Store &&) noexcept = default;

    QSqlDatabase &db() { return m_database.db(); }
    const QString &path() const { return m_database.path(); }
    const DeskInfo &desk() const { return m_desk; }
    void setActor(Actor actor) { m_actor = std::move(actor); }
    const Actor &actor() const { return m_actor; }
    Status setDeskName(const QString &name);

    // Catalogue
    Result<Publication> addPublication(Publication p);
    Result<Offer> addOffer(Offer o);
    QList<Publication> publications();
    QList<Offer> offers();
    std::optional<Publication> publicationByCode(const QString &code);
    std::optional<Publication> publicationById(const QString &id);
    std::optional<Offer> offerByCode(const QString &code);
    std::optional<Offer> offerById(const QString &id);

    // Subscribers
    Result<Subscriber> addSubscriber(Subscriber s);
    // Saves what the clerk changed: `edited` is the form as typed, `seen` the subscriber as it was
    // loaded when the edit began (or as a restored draft recorded it). Only the columns where
    // `edited` differs from `seen` are written and sent, with `seen`'s values as their base, so a
    // change pulled from the server meanwhile stays, and a field changed on both sides reaches the
    // server as a conflict instead of being overwritten silently. An INSEE code left as it was
    // while the postal code or town changed is dropped when it no longer fits them
    // (Validation::dropStaleInseeCode).
    Result<Subscriber> updateSubscriber(const Subscriber &edited, const Subscriber &seen);
    // As above with `seen` = the subscriber as stored now (read before the write): for callers with
    // no form, such as tests and scripts that build the edited record from the stored one.
    Result<Subscriber> updateSubscriber(const Subscriber &edited);
    std::optional<Subscriber> subscriberByNumber(qint64 number);
    std::optional<Subscriber> subscriberById(const QString &id);
    std::optional<Subscriber> subscriberBySeq(qint64 seq);

    // Subscriptions, holds, holiday addresses, complaints.
    // Each change of an existing row writes only the columns it changes, with as their base the
    // values the clerk saw (`seen`: the subscription, hold or holiday address as the window or
    // dialog loaded it). The rules are checked against the row as stored, inside the write's
    // transaction. The forms taking an id read `seen` from the store before the write (relaisctl).
    Result<Subscription> addSubscription(Subscription s);
    Result<Subscription> cancelSubscription(const Subscription &seen, QDate date,
                                            const QString &reason);
    Result<Subscription> cancelSubscription(const QString &id, QDate date, const QString &reason);
    Result<Subscription> renewSubscription(const Subscription &seen);
    Result<Subscription> renewSubscription(const QString &id);
    Result<Subscription> restartSubscription(const Subscription &seen);
    Result<Subscription> restartSubscription(const QString &id);
    // A hold that gives missed issues back moves the end of term; `seenSubscription` is the
    // subscription as the clerk saw it (default: as stored before the write).
    Result<DeliveryChange> addDeliveryChange(
        DeliveryChange c, const std::optional<Subscription> &seenSubscription = std::nullopt);
    // New dates for a hold or holiday address (a reader back early, a longer stay); the overlap
    // rule applies, and a hold that gives missed issues back moves the end of term again.
    Result<DeliveryChange> changeDeliveryChange(const DeliveryChange &seen,
                                                const Subscription &seenSubscription, QDate from,
                                                QDate to);
    Result<DeliveryChange> changeDeliveryChange(const QString &id, QDate from, QDate to);
    // Removes it (a tombstone, so that the removal syncs), giving back what it had extended.
    Status removeDeliveryChange(const DeliveryChange &seen, const Subscription &seenSubscription);
    Status removeDeliveryChange(const QString &id);
    std::optional<DeliveryChange> deliveryChangeById(const QString &id);
    Result<Complaint> addComplaint(
        Complaint c, const std::optional<Subscription> &seenSubscription = std::nullopt);
    std::optional<Subscription> subscriptionById(const QString &id);
    QList<Subscription> subscriptionsOf(const QString &subscriberId); // as recipient or payer
    QList<DeliveryChange> deliveryChangesOf(const QString &subscriptionId);
    QList<Complaint> complaintsOf(const QString &subscriptionId);

    // History and sync
    QList<AuditEntry> auditOf(const QStringList &entityIds);
    QList<OutboxOperation> outbox(bool pendingOnly = false);
    qint64 pendingOperationCount();
    CheckReport check();

    // Next subscriber number from the desk's block (leased from the server when online).
    Result<qint64> allocateNumber();
    QString metaValue(const QString &key, const QString &fallback = {});
    Status setMetaValue(const QString &key, const QString &value);

    // One spelling of a French phone number ("06 12 34 56 78"), so that a search by digits finds it
    // however it was typed; other numbers as typed.
    static QString storedPhone(const Subscriber &s);
    // Folded "last first" used for sorting lists without accents getting in the way.
    static QString sortKey(const Subscriber &s);

private:
    explicit Store(Database db) : m_database(std::move(db)) {}
    Status initDesk();
    WritePath writePath() { return WritePath(db(), m_desk.deskId, m_actor); }
    Result<ChangeRecord> write(Change::Kind kind, const QString &operation, const QString &table,
                               const QString &id, const QVariantMap &values);
    // An update of the columns of `values` only, with `seen` (a whole row as the clerk saw it) as
    // the base of each.
    Result<ChangeRecord> update(const QString &operation, const QString &table, const QString &id,
                                const QVariantMap &values, const QVariantMap &seen);
    // One change in a transaction of its own: saved once this returns Ok (COMMIT returned).
    Status writeOne(Change::Kind kind, const QString &operation, const QString &table,
                    const QString &id, const QVariantMap &values);
    Issues overlapIssues(const DeliveryChange &c);
    // Moves the end of term by the issues a hold misses after a change minus those it missed before;
    // `current` is the subscription as stored (read in the transaction), `seen` as the clerk saw it.
    Status compensateHold(const Subscription &current, const Subscription &seen,
                          const DeliveryChange &before, const DeliveryChange &after);

    Database m_database;
    DeskInfo m_desk;
    Actor m_actor{QStringLiteral("local"), ContactChannel::Desk};
};

// Row codecs: the column values of each entity (what the write path stores and syncs).
namespace Rows {
QVariantMap publication(const Publication &p);
QVariantMap offer(const Offer &o);
QVariantMap subscriber(const Subscriber &s);
QVariantMap subscription(const Subscription &s);
QVariantMap deliveryChange(const DeliveryChange &c);
QVariantMap complaint(const Complaint &c);
QVariant date(QDate d); // ISO text or null
} // namespace Rows

} // namespace Relais
