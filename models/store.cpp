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

Result<Store> Store::open(const QString &path)
{
    auto db = Database::open(path);
    if (!db)
        return db.error();
    Store store(std::move(db).value());
    if (Status s = store.initDesk(); !s)
        return s.error();
    return store;
}

Status Store::initDesk()
{
    m_desk.deskId = metaValue(QStringLiteral("desk_id"));
    if (m_desk.deskId.isEmpty()) {
        // A new desk: its own id, and a local publisher until the server assigns one.
        Transaction tx(db());
        if (!tx.isOpen())
            return tx.beginError();
        const QString deskId = newUuid();
        const QString publisherId = newUuid();
        QSqlQuery q(db());
        q.prepare(QStringLiteral("INSERT INTO publisher (id, code, name, updated_at, updated_by) "
                                 "VALUES (?, 'LOCAL', ?, ?, 'local')"));
        q.addBindValue(publisherId);
        q.addBindValue(tr("Local publisher"));
        q.addBindValue(nowUtcIso());
        if (!q.exec())
            return storageError(QStringLiteral("publisher"), q.lastError().text());
        for (const auto &[k, v] : {std::pair{QStringLiteral("desk_id"), deskId},
                                   std::pair{QStringLiteral("publisher_id"), publisherId},
                                   std::pair{QStringLiteral("desk_name"), QStringLiteral("desk")},
                                   std::pair{QStringLiteral("number_next"), QStringLiteral("1")}})
            if (Status s = setMetaValue(k, v); !s)
                return s;
        if (Status s = tx.commit(); !s)
            return s;
        m_desk.deskId = deskId;
    }
    m_desk.deskName = metaValue(QStringLiteral("desk_name"));
    m_desk.publisherId = metaValue(QStringLiteral("publisher_id"));
    m_desk.demo = metaValue(QStringLiteral("demo")) == u"1";
    return Ok{};
}

QString Store::metaValue(const QString &key, const QString &fallback)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

Status Store::setMetaValue(const QString &key, const QString &value)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value.isNull() ? QStringLiteral("")
                                  : value); // meta.value is NOT NULL: "" clears
    if (!q.exec())
        return storageError(QStringLiteral("meta"), q.lastError().text());
    return Ok{};
}

Status Store::setDeskName(const QString &name)
{
    if (Status s = setMetaValue(QStringLiteral("desk_name"), name.trimmed()); !s)
        return s;
    m_desk.deskName = name.trimmed();
    return Ok{};
}

QString Store::storedPhone(const Subscriber &s)
{
    if (s.phone.trimmed().isEmpty() || !s.address.isFrance())
        return s.phone;
    const QString e164 = Validation::normalizePhone(s.phone);
    if (!e164.startsWith(QStringLiteral("+33")) || e164.size() != 12)
        return s.phone;
    const QString national = u'0' + e164.mid(3);
    QStringList pairs;
    for (int i = 0; i < national.size(); i += 2)
        pairs << national.mid(i, 2);
    return pairs.join(u' ');
}

QString Store::sortKey(const Subscriber &s)
{
    return Validation::sortKey(s.lastName, s.firstName, s.company);
}

Result<qint64> Store::allocateNumber()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT (SELECT value FROM meta WHERE key = 'number_next'), "
                               "(SELECT value FROM meta WHERE key = 'number_end'), "
                               "(SELECT value FROM meta WHERE key = 'number_reserve')"))
        || !q.next())
        return storageError(QStringLiteral("number"), q.lastError().text());
    qint64 next = qMax<qint64>(1, q.value(0).toLongLong());
    qint64 end = q.value(1).toLongLong(); // 0: a desk that never leased is unbounded
    const QStringList reserve = q.value(2).toString().split(u':');
    q.finish();
    if (end > 0 && next > end && reserve.size() == 2) {
        // The current block is used up: the one the sync engine leased in advance takes over.
        next = reserve.at(0).toLongLong();
        end = reserve.at(1).toLongLong();
        if (Status s = setMetaValue(QStringLiteral("number_end"), QString::number(end)); !s)
            return s.error();
        if (Status s = setMetaValue(QStringLiteral("number_reserve"), QString()); !s)
            return s.error();
    }
    // A desk set up with a server but that never leased a block (its first sync has not happened):
    // numbering from 1 would take numbers leased to other desks; the number waits instead.
    const bool waitsForFirstBlock = end <= 0 && !metaValue(QStringLiteral("server_url")).isEmpty();
    if ((end > 0 && next > end) || waitsForFirstBlock) {
        // Offline with every leased number used: the subscriber is still created, with a number
        // pending (negative, on this desk only); the next sync gives it one from a new block before
        // its creation leaves the desk (Sync::Engine), so no number is ever changed once sent.
        if (!q.exec(QStringLiteral("SELECT min(0, coalesce(min(number), 0)) - 1 FROM subscriber"))
            || !q.next())
            return storageError(QStringLiteral("number"), q.lastError().text());
        return q.value(0).toLongLong();
    }
    // A block may cover numbers this desk handed out before its first lease: skip those.
    q.prepare(QStringLiteral("SELECT 1 FROM subscriber WHERE number = ?"));
    while (true) {
        q.addBindValue(next);
        if (!q.exec())
            return storageError(QStringLiteral("number"), q.lastError().text());
        const bool taken = q.next();
        q.finish();
        if (!taken || (end > 0 && next >= end))
            break;
        ++next;
    }
    if (Status s = setMetaValue(QStringLiteral("number_next"), QString::number(next + 1)); !s)
        return s.error();
    return next;
}

Result<ChangeRecord> Store::write(Change::Kind kind, const QString &operation, const QString &table,
                                  const QString &id, const QVariantMap &values)
{
    return writePath().apply(Change{kind, operation, table, id, values});
}

Result<ChangeRecord> Store::update(const QString &operation, const QString &table,
                                   const QString &id, const QVariantMap &values,
                                   const QVariantMap &seen)
{
    Change c{Change::Kind::Update, operation, table, id, values};
    c.base = seen;
    return writePath().apply(c);
}

Status Store::writeOne(Change::Kind kind, const QString &operation, const QString &table,
                       const QString &id, const QVariantMap &values)
{
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    if (auto r = write(kind, operation, table, id, values); !r)
        return r.error();
    return tx.commit();
}

// ---- catalogue ---------------------------------------------------------------------------------

Result<Publication> Store::addPublication(Publication p)
{
    p.code = p.code.trimmed().toUpper();
    if (Issues issues = Validation::validatePublication(p); !issues.isEmpty())
        return Error::invalid(issues);
    p.meta.id = p.meta.id.isEmpty() ? newUuid() : p.meta.id;
    p.publisherId = m_desk.publisherId;
    // The duplicate check reads inside the write's transaction: no other connection can take the
    // code in between.
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    if (publicationByCode(p.code))
        return conflict(QStringLiteral("code.duplicate"), QStringLiteral("code"),
                        tr("A title with code %1 already exists.").arg(p.code));
    if (auto r = write(Change::Kind::Create, QStringLiteral("publication.create"),
                       QStringLiteral("publication"), p.meta.id, Rows::publication(p));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *publicationById(p.meta.id);
}

Result<Offer> Store::addOffer(Offer o)
{
    o.code = o.code.trimmed().toUpper();
    Issues issues = Validation::validateOffer(o);
    if (!publicationById(o.publicationId))
        issues << Issue{QStringLiteral("publication"), QStringLiteral("publication.unknown"),
                        tr("The offer's title does not exist.")};
    if (!issues.isEmpty())
        return Error::invalid(issues);
    if (o.label.trimmed().isEmpty())
        o.label = o.code;
    o.meta.id = o.meta.id.isEmpty() ? newUuid() : o.meta.id;
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    if (offerByCode(o.code))
        return conflict(QStringLiteral("code.duplicate"), QStringLiteral("code"),
                        tr("An offer with code %1 already exists.").arg(o.code));
    if (auto r = write(Change::Kind::Create, QStringLiteral("offer.create"),
                       QStringLiteral("offer"), o.meta.id, Rows::offer(o));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *offerById(o.meta.id);
}

QList<Publication> Store::publications()
{
    return selectAll<Publication>(db(),
                                  QStringLiteral(
                                      "SELECT * FROM publication WHERE deleted = 0 ORDER BY code"),
                                  {}, readPublication);
}

QList<Offer> Store::offers()
{
    return selectAll<Offer>(db(),
                            QStringLiteral("SELECT * FROM offer WHERE deleted = 0 ORDER BY code"),
                            {}, readOffer);
}

std::optional<Publication> Store::publicationByCode(const QString &code)
{
    return selectOne<Publication>(db(),
                                  QStringLiteral(
                                      "SELECT * FROM publication WHERE code = ? AND deleted = 0"),
                                  code.trimmed().toUpper(), readPublication);
}

std::optional<Publication> Store::publicationById(const QString &id)
{
    return selectOne<Publication>(db(), QStringLiteral("SELECT * FROM publication WHERE id = ?"),
                                  id, readPublication);
}

std::optional<Offer> Store::offerByCode(const QString &code)
{
    return selectOne<Offer>(db(),
                            QStringLiteral("SELECT * FROM offer WHERE code = ? AND deleted = 0"),
                            code.trimmed().toUpper(), readOffer);
}

std::optional<Offer> Store::offerById(const QString &id)
{
    return selectOne<Offer>(db(), QStringLiteral("SELECT * FROM offer WHERE id = ?"), id,
                            readOffer);
}

// ---- subscribers -------------------------------------------------------------------------------

Result<Subscriber> Store::addSubscriber(Subscriber s)
{
    if (Issues issues = Validation::validateSubscriber(s); !issues.isEmpty())
        return Error::invalid(issues);
    s.meta.id = s.meta.id.isEmpty() ? newUuid() : s.meta.id;
    s.publisherId = m_desk.publisherId;
    s.phone = storedPhone(s);
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    if (s.number <= 0) {
        auto n = allocateNumber();
        if (!n)
            return n.error();
        s.number = *n;
    } else if (subscriberByNumber(s.number)) {
        return conflict(QStringLiteral("number.duplicate"), QStringLiteral("number"),
                        tr("Subscriber number %1 is already taken.").arg(s.number));
    }
    if (auto r = write(Change::Kind::Create, QStringLiteral("subscriber.create"),
                       QStringLiteral("subscriber"), s.meta.id, Rows::subscriber(s));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriberById(s.meta.id);
}

Result<Subscriber> Store::updateSubscriber(const Subscriber &changed, const Subscriber &seen)
{
    // An INSEE code the edit left behind while moving the address elsewhere no longer says where
    // it is: dropped rather than refused (relaisctl and the form change the postal code alone).
    Subscriber edited = changed;
    Validation::dropStaleInseeCode(edited.address, seen.address);
    if (Issues issues = Validation::validateSubscriber(edited); !issues.isEmpty())
        return Error::invalid(issues);
    if (seen.meta.id != edited.meta.id)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.seen"),
                           QStringLiteral("the base of a subscriber update is another subscriber"));
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto current = subscriberById(edited.meta.id);
    if (!current)
        return notFound(QStringLiteral("subscriber.unknown"),
                        tr("This subscriber does not exist."));
    // Never renumbered, never moved to another publisher: both sides take the stored values, so
    // neither column is ever part of the change.
    Subscriber next = edited;
    next.number = current->number;
    next.publisherId = current->publisherId;
    next.phone = storedPhone(next);
    Subscriber before = seen;
    before.number = current->number;
    before.publisherId = current->publisherId;
    before.phone = storedPhone(before);
    if (auto r = update(QStringLiteral("subscriber.update"), QStringLiteral("subscriber"),
                        edited.meta.id, Rows::subscriber(next), Rows::subscriber(before));
        !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriberById(edited.meta.id);
}

Result<Subscriber> Store::updateSubscriber(const Subscriber &edited)
{
    const auto seen = subscriberById(edited.meta.id);
    if (!seen)
        return notFound(QStringLiteral("subscriber.unknown"),
                        tr("This subscriber does not exist."));
    return updateSubscriber(edited, *seen);
}

std::optional<Subscriber> Store::subscriberByNumber(qint64 number)
{
    return selectOne<Subscriber>(db(),
                                 QStringLiteral(
                                     "SELECT * FROM subscriber WHERE number = ? AND deleted = 0"),
                                 number, readSubscriber);
}

std::optional<Subscriber> Store::subscriberById(const QString &id)
{
    return selectOne<Subscriber>(db(), QStringLiteral("SELECT * FROM subscriber WHERE id = ?"), id,
                                 readSubscriber);
}

std::optional<Subscriber> Store::subscriberBySeq(qint64 seq)
{
    return selectOne<Subscriber>(db(), QStringLiteral("SELECT * FROM subscriber WHERE seq = ?"),
                                 seq, readSubscriber);
}

// ---- history, outbox, checks -------------------------------------------------------------------

QList<AuditEntry> Store::auditOf(const QStringList &entityIds)
{
    QList<AuditEntry> out;
    if (entityIds.isEmpty())
        return out;
    QStringList marks;
    marks.fill(QStringLiteral("?"), entityIds.size());
    QVariantList binds;
    for (const QString &id : entityIds)
        binds << id;
    return selectAll<AuditEntry>(db(),
                                 QStringLiteral(
                                     "SELECT * FROM audit WHERE entity_id IN (%1) ORDER BY id")
                                     .arg(marks.join(u',')),
                                 binds, [](const QSqlQuery &q) {
                                     AuditEntry a;
                                     a.id = col(q, "id").toLongLong();
                                     a.at = QDateTime::fromString(col(q, "at").toString(),
                                                                  Qt::ISODateWithMs);
                                     a.clerk = col(q, "clerk").toString();
                                     a.deskId = col(q, "desk_id").toString();
                                     a.channel = contactChannelFromCode(
                                                     col(q, "channel").toString())
                                                     .value_or(ContactChannel::Desk);
                                     a.entity = col(q, "entity").toString();
                                     a.entityId = col(q, "entity_id").toString();
                                     a.operation = col(q, "operation").toString();
                                     a.oldValues = col(q, "old_values").toString();
                                     a.newValues = col(q, "new_values").toString();
                                     return a;
                                 });
}

QList<OutboxOperation> Store::outbox(bool pendingOnly)
{
    const QString sql = pendingOnly ? QStringLiteral(
                            "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq")
                                    : QStringLiteral("SELECT * FROM outbox ORDER BY seq");
    return selectAll<OutboxOperation>(db(), sql, {}, [](const QSqlQuery &q) {
        OutboxOperation o;
        o.seq = col(q, "seq").toLongLong();
        o.opId = col(q, "op_id").toString();
        o.deskId = col(q, "desk_id").toString();
        o.operation = col(q, "operation").toString();
        o.entity = col(q, "entity").toString();
        o.entityId = col(q, "entity_id").toString();
        o.fields = col(q, "fields").toString();
        o.base = col(q, "base").toString();
        o.clerk = col(q, "clerk").toString();
        o.at = col(q, "at").toString();
        o.schemaVersion = col(q, "schema_version").toInt();
        o.state = col(q, "state").toString();
        return o;
    });
}

qint64 Store::pendingOperationCount()
{
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

CheckReport Store::check()
{
    CheckReport r;
    r.schemaVersion = m_database.schemaVersion();
    if (r.schemaVersion != Migrations::currentVersion()) {
        r.ok = false;
        r.problems << tr("Schema version %1, expected %2.")
                          .arg(r.schemaVersion)
                          .arg(Migrations::currentVersion());
    }
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        while (q.next()) {
            const QString line = q.value(0).toString();
            if (line != u"ok") {
                r.ok = false;
                r.problems << tr("Integrity: %1").arg(line);
            }
        }
    }
    if (q.exec(QStringLiteral("PRAGMA foreign_key_check")) && q.next()) {
        r.ok = false;
        r.problems << tr("A row of %1 refers to a missing row of %2.")
                          .arg(q.value(0).toString(), q.value(2).toString());
    }
    if (!q.exec(QStringLiteral(
            "INSERT INTO subscriber_fts(subscriber_fts) VALUES ('integrity-check')"))) {
        r.ok = false;
        r.problems
            << tr("The search index does not match the subscribers: %1").arg(q.lastError().text());
    }
    // Desk sequence numbers are contiguous and never behind the outbox.
    if (q.exec(QStringLiteral(
            "SELECT coalesce(max(seq), 0), count(*), coalesce(min(seq), 1), "
            "(SELECT coalesce(CAST(value AS INTEGER), 0) FROM meta WHERE key = 'desk_seq') "
            "FROM outbox"))
        && q.next()) {
        const qint64 maxSeq = q.value(0).toLongLong();
        const qint64 count = q.value(1).toLongLong();
        const qint64 minSeq = q.value(2).toLongLong();
        const qint64 deskSeq = q.value(3).toLongLong();
        if (count > 0 && maxSeq - minSeq + 1 != count) {
            r.ok = false;
            r.problems << tr("The outbox has gaps between desk sequence numbers %1 and %2.")
                              .arg(minSeq)
                              .arg(maxSeq);
        }
        if (maxSeq > deskSeq) {
            r.ok = false;
            r.problems
                << tr("The desk sequence (%1) is behind the outbox (%2).").arg(deskSeq).arg(maxSeq);
        }
    }
    for (const char *table : {"publisher", "publication", "offer", "subscriber", "subscription",
                              "delivery_change", "complaint", "audit", "outbox", "export_log"}) {
        const QString t = QString::fromLatin1(table);
        if (q.exec(QStringLiteral("SELECT count(*) FROM ") + t) && q.next())
            r.counts << TableCount{t, q.value(0).toLongLong()};
    }
    return r;
}

} // namespace Relais
