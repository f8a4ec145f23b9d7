#include "store.h"

#include "migrations.h"
#include "validation.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Relais {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Store", text);
}

Error notFound(const QString &code, const QString &message)
{
    return Error::make(ErrorKind::NotFound, code, message);
}

Error conflict(const QString &code, const QString &field, const QString &message)
{
    Error e = Error::make(ErrorKind::Conflict, code, message);
    e.issues << Issue{field, code, message};
    return e;
}

QDate toDate(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

void readMeta(SyncMeta &m, const QSqlQuery &q)
{
    const QSqlRecord r = q.record();
    m.id = q.value(r.indexOf(QStringLiteral("id"))).toString();
    m.rev = q.value(r.indexOf(QStringLiteral("rev"))).toLongLong();
    m.deleted = q.value(r.indexOf(QStringLiteral("deleted"))).toBool();
    m.updatedAt = QDateTime::fromString(q.value(r.indexOf(QStringLiteral("updated_at"))).toString(),
                                        Qt::ISODateWithMs);
    m.updatedBy = q.value(r.indexOf(QStringLiteral("updated_by"))).toString();
}

QVariant col(const QSqlQuery &q, const char *name)
{
    return q.value(QLatin1StringView(name));
}

Publication readPublication(const QSqlQuery &q)
{
    Publication p;
    readMeta(p.meta, q);
    p.publisherId = col(q, "publisher_id").toString();
    p.code = col(q, "code").toString();
    p.name = col(q, "name").toString();
    p.periodicity = periodicityFromCode(col(q, "periodicity").toString()).value_or(Periodicity::Daily);
    p.weekdays = Weekdays::fromMask(col(q, "weekdays").toInt());
    p.cutoff = QTime::fromString(col(q, "cutoff").toString(), QStringLiteral("HH:mm"));
    return p;
}

Offer readOffer(const QSqlQuery &q)
{
    Offer o;
    readMeta(o.meta, q);
    o.publicationId = col(q, "publication_id").toString();
    o.code = col(q, "code").toString();
    o.label = col(q, "label").toString();
    o.months = col(q, "months").toInt();
    o.priceCents = col(q, "price_cents").toLongLong();
    o.channel = channelFromCode(col(q, "channel").toString()).value_or(Channel::Print);
    return o;
}

Address readAddress(const QSqlQuery &q)
{
    Address a;
    a.line2 = col(q, "line2").toString();
    a.line3 = col(q, "line3").toString();
    a.line4 = col(q, "line4").toString();
    a.line5 = col(q, "line5").toString();
    a.postalCode = col(q, "postal_code").toString();
    a.city = col(q, "city").toString();
    a.country = col(q, "country").toString();
    return a;
}

Subscriber readSubscriber(const QSqlQuery &q)
{
    Subscriber s;
    readMeta(s.meta, q);
    s.number = col(q, "number").toLongLong();
    s.publisherId = col(q, "publisher_id").toString();
    s.civility = col(q, "civility").toString();
    s.firstName = col(q, "first_name").toString();
    s.lastName = col(q, "last_name").toString();
    s.company = col(q, "company").toString();
    s.address = readAddress(q);
    s.email = col(q, "email").toString();
    s.phone = col(q, "phone").toString();
    s.consents = col(q, "consents").toString();
    s.notes = col(q, "notes").toString();
    return s;
}

Subscription readSubscription(const QSqlQuery &q)
{
    Subscription s;
    readMeta(s.meta, q);
    s.recipientId = col(q, "recipient_id").toString();
    s.payerId = col(q, "payer_id").toString();
    s.offerId = col(q, "offer_id").toString();
    s.publicationId = col(q, "publication_id").toString();
    s.start = toDate(col(q, "start_date"));
    s.end = toDate(col(q, "end_date"));
    s.copies = col(q, "copies").toInt();
    s.autoRenew = col(q, "auto_renew").toBool();
    s.cancelDate = toDate(col(q, "cancel_date"));
    s.cancelReason = col(q, "cancel_reason").toString();
    return s;
}

DeliveryChange readDeliveryChange(const QSqlQuery &q)
{
    DeliveryChange c;
    readMeta(c.meta, q);
    c.subscriptionId = col(q, "subscription_id").toString();
    c.kind = deliveryChangeKindFromCode(col(q, "kind").toString()).value_or(DeliveryChangeKind::Hold);
    c.from = toDate(col(q, "from_date"));
    c.to = toDate(col(q, "to_date"));
    c.address = readAddress(q);
    c.compensation = col(q, "compensation").toString() == u"extend" ? HoldCompensation::ExtendEnd
                                                                     : HoldCompensation::None;
    return c;
}

Complaint readComplaint(const QSqlQuery &q)
{
    Complaint c;
    readMeta(c.meta, q);
    c.subscriptionId = col(q, "subscription_id").toString();
    c.issueDate = toDate(col(q, "issue_date"));
    c.kind = complaintKindFromCode(col(q, "kind").toString()).value_or(ComplaintKind::NotReceived);
    c.compensationIssues = col(q, "compensation_issues").toInt();
    c.note = col(q, "note").toString();
    return c;
}

template<typename T, typename Reader>
QList<T> selectAll(QSqlDatabase &db, const QString &sql, const QVariantList &binds, Reader read)
{
    QList<T> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return out;
    while (q.next())
        out << read(q);
    return out;
}

template<typename T, typename Reader>
std::optional<T> selectOne(QSqlDatabase &db, const QString &sql, const QVariant &bind, Reader read)
{
    const QList<T> rows = selectAll<T>(db, sql, {bind}, read);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

// Text columns are NOT NULL: a null QString would bind as NULL.
QVariant str(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

void putAddress(QVariantMap &m, const Address &a)
{
    m.insert(QStringLiteral("line2"), str(a.line2.trimmed()));
    m.insert(QStringLiteral("line3"), str(a.line3.trimmed()));
    m.insert(QStringLiteral("line4"), str(a.line4.trimmed()));
    m.insert(QStringLiteral("line5"), str(a.line5.trimmed()));
    m.insert(QStringLiteral("postal_code"), str(a.postalCode.trimmed()));
    m.insert(QStringLiteral("city"), str(a.city.trimmed()));
    m.insert(QStringLiteral("country"), str(a.isFrance() ? QString() : a.country.trimmed().toUpper()));
}

} // namespace

namespace Rows {

QVariant date(QDate d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

QVariantMap publication(const Publication &p)
{
    return {{QStringLiteral("publisher_id"), str(p.publisherId)},
            {QStringLiteral("code"), str(p.code)},
            {QStringLiteral("name"), str(p.name)},
            {QStringLiteral("periodicity"), periodicityCode(p.periodicity)},
            {QStringLiteral("weekdays"), p.weekdays.mask()},
            {QStringLiteral("cutoff"), p.cutoff.toString(QStringLiteral("HH:mm"))}};
}

QVariantMap offer(const Offer &o)
{
    return {{QStringLiteral("publication_id"), str(o.publicationId)},
            {QStringLiteral("code"), str(o.code)},
            {QStringLiteral("label"), str(o.label)},
            {QStringLiteral("months"), o.months},
            {QStringLiteral("price_cents"), o.priceCents},
            {QStringLiteral("channel"), channelCode(o.channel)}};
}

QVariantMap subscriber(const Subscriber &s)
{
    QVariantMap m{{QStringLiteral("number"), s.number},
                  {QStringLiteral("publisher_id"), str(s.publisherId)},
                  {QStringLiteral("civility"), str(s.civility.trimmed())},
                  {QStringLiteral("first_name"), str(s.firstName.trimmed())},
                  {QStringLiteral("last_name"), str(s.lastName.trimmed())},
                  {QStringLiteral("company"), str(s.company.trimmed())},
                  {QStringLiteral("email"), str(s.email.trimmed())},
                  {QStringLiteral("phone"), str(s.phone.trimmed())},
                  {QStringLiteral("consents"), str(s.consents)},
                  {QStringLiteral("notes"), str(s.notes)},
                  {QStringLiteral("sort_key"), Store::sortKey(s)}};
    putAddress(m, s.address);
    return m;
}

QVariantMap subscription(const Subscription &s)
{
    return {{QStringLiteral("recipient_id"), str(s.recipientId)},
            {QStringLiteral("payer_id"), str(s.payerId)},
            {QStringLiteral("offer_id"), str(s.offerId)},
            {QStringLiteral("publication_id"), str(s.publicationId)},
            {QStringLiteral("start_date"), date(s.start)},
            {QStringLiteral("end_date"), date(s.end)},
            {QStringLiteral("copies"), s.copies},
            {QStringLiteral("auto_renew"), s.autoRenew ? 1 : 0},
            {QStringLiteral("cancel_date"), date(s.cancelDate)},
            {QStringLiteral("cancel_reason"), str(s.cancelReason)}};
}

QVariantMap deliveryChange(const DeliveryChange &c)
{
    QVariantMap m{{QStringLiteral("subscription_id"), str(c.subscriptionId)},
                  {QStringLiteral("kind"), deliveryChangeKindCode(c.kind)},
                  {QStringLiteral("from_date"), date(c.from)},
                  {QStringLiteral("to_date"), date(c.to)},
                  {QStringLiteral("compensation"),
                   c.compensation == HoldCompensation::ExtendEnd ? QStringLiteral("extend")
                                                                 : QStringLiteral("none")}};
    putAddress(m, c.kind == DeliveryChangeKind::TemporaryAddress ? c.address : Address{});
    return m;
}

QVariantMap complaint(const Complaint &c)
{
    return {{QStringLiteral("subscription_id"), str(c.subscriptionId)},
            {QStringLiteral("issue_date"), date(c.issueDate)},
            {QStringLiteral("kind"), complaintKindCode(c.kind)},
            {QStringLiteral("compensation_issues"), c.compensationIssues},
            {QStringLiteral("note"), str(c.note)}};
}

} // namespace Rows

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
    q.addBindValue(value.isNull() ? QStringLiteral("") : value); // meta.value is NOT NULL: "" clears
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
                               "(SELECT value FROM meta WHERE key = 'number_reserve')")) || !q.next())
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
    if (end > 0 && next > end) {
        // Offline with every leased number used: the subscriber is still created, with a number
        // pending (negative, on this desk only); the next sync gives it one from a new block before
        // its creation leaves the desk (Sync::Engine), so no number is ever changed once sent.
        if (!q.exec(QStringLiteral("SELECT min(0, coalesce(min(number), 0)) - 1 FROM subscriber")) || !q.next())
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

Result<ChangeRecord> Store::update(const QString &operation, const QString &table, const QString &id,
                                   const QVariantMap &values, const QVariantMap &seen)
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
    Issues issues;
    p.code = p.code.trimmed().toUpper();
    if (p.code.isEmpty() || p.code.size() > 16)
        issues << Issue{QStringLiteral("code"), QStringLiteral("code.format"),
                        tr("A title code has 1 to 16 characters.")};
    if (p.name.trimmed().isEmpty())
        issues << Issue{QStringLiteral("name"), QStringLiteral("name.required"), tr("A title needs a name.")};
    if (p.weekdays.isEmpty())
        issues << Issue{QStringLiteral("weekdays"), QStringLiteral("weekdays.empty"),
                        tr("A title appears on at least one day of the week.")};
    if (!p.cutoff.isValid())
        issues << Issue{QStringLiteral("cutoff"), QStringLiteral("cutoff.format"),
                        tr("The cut-off time is written HH:MM.")};
    if (!issues.isEmpty())
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
    if (auto r = write(Change::Kind::Create, QStringLiteral("publication.create"), QStringLiteral("publication"),
                       p.meta.id, Rows::publication(p)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *publicationById(p.meta.id);
}

Result<Offer> Store::addOffer(Offer o)
{
    Issues issues;
    o.code = o.code.trimmed().toUpper();
    if (o.code.isEmpty() || o.code.size() > 24)
        issues << Issue{QStringLiteral("code"), QStringLiteral("code.format"),
                        tr("An offer code has 1 to 24 characters.")};
    if (o.months < 1 || o.months > 120)
        issues << Issue{QStringLiteral("months"), QStringLiteral("months.range"),
                        tr("An offer lasts 1 to 120 months.")};
    if (o.priceCents < 0)
        issues << Issue{QStringLiteral("price_cents"), QStringLiteral("price.negative"),
                        tr("A price cannot be negative.")};
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
    if (auto r = write(Change::Kind::Create, QStringLiteral("offer.create"), QStringLiteral("offer"), o.meta.id,
                       Rows::offer(o)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *offerById(o.meta.id);
}

QList<Publication> Store::publications()
{
    return selectAll<Publication>(db(), QStringLiteral("SELECT * FROM publication WHERE deleted = 0 ORDER BY code"),
                                  {}, readPublication);
}

QList<Offer> Store::offers()
{
    return selectAll<Offer>(db(), QStringLiteral("SELECT * FROM offer WHERE deleted = 0 ORDER BY code"), {},
                            readOffer);
}

std::optional<Publication> Store::publicationByCode(const QString &code)
{
    return selectOne<Publication>(db(), QStringLiteral("SELECT * FROM publication WHERE code = ? AND deleted = 0"),
                                  code.trimmed().toUpper(), readPublication);
}

std::optional<Publication> Store::publicationById(const QString &id)
{
    return selectOne<Publication>(db(), QStringLiteral("SELECT * FROM publication WHERE id = ?"), id,
                                  readPublication);
}

std::optional<Offer> Store::offerByCode(const QString &code)
{
    return selectOne<Offer>(db(), QStringLiteral("SELECT * FROM offer WHERE code = ? AND deleted = 0"),
                            code.trimmed().toUpper(), readOffer);
}

std::optional<Offer> Store::offerById(const QString &id)
{
    return selectOne<Offer>(db(), QStringLiteral("SELECT * FROM offer WHERE id = ?"), id, readOffer);
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
                       QStringLiteral("subscriber"), s.meta.id, Rows::subscriber(s)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriberById(s.meta.id);
}

Result<Subscriber> Store::updateSubscriber(const Subscriber &edited, const Subscriber &seen)
{
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
        return notFound(QStringLiteral("subscriber.unknown"), tr("This subscriber does not exist."));
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
    if (auto r = update(QStringLiteral("subscriber.update"), QStringLiteral("subscriber"), edited.meta.id,
                        Rows::subscriber(next), Rows::subscriber(before)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriberById(edited.meta.id);
}

Result<Subscriber> Store::updateSubscriber(const Subscriber &edited)
{
    const auto seen = subscriberById(edited.meta.id);
    if (!seen)
        return notFound(QStringLiteral("subscriber.unknown"), tr("This subscriber does not exist."));
    return updateSubscriber(edited, *seen);
}

std::optional<Subscriber> Store::subscriberByNumber(qint64 number)
{
    return selectOne<Subscriber>(db(), QStringLiteral("SELECT * FROM subscriber WHERE number = ? AND deleted = 0"),
                                 number, readSubscriber);
}

std::optional<Subscriber> Store::subscriberById(const QString &id)
{
    return selectOne<Subscriber>(db(), QStringLiteral("SELECT * FROM subscriber WHERE id = ?"), id,
                                 readSubscriber);
}

std::optional<Subscriber> Store::subscriberBySeq(qint64 seq)
{
    return selectOne<Subscriber>(db(), QStringLiteral("SELECT * FROM subscriber WHERE seq = ?"), seq,
                                 readSubscriber);
}

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
        issues << Issue{QStringLiteral("offer"), QStringLiteral("offer.unknown"), tr("The offer does not exist.")};
    if (!subscriberById(s.recipientId))
        issues << Issue{QStringLiteral("subscriber"), QStringLiteral("subscriber.unknown"),
                        tr("The recipient does not exist.")};
    if (s.payerId != s.recipientId && !subscriberById(s.payerId))
        issues << Issue{QStringLiteral("payer"), QStringLiteral("payer.unknown"), tr("The payer does not exist.")};
    if (!s.start.isValid())
        issues << Issue{QStringLiteral("start"), QStringLiteral("date.invalid"),
                        tr("The start date is missing or not a date (YYYY-MM-DD).")};
    if (s.copies < 1 || s.copies > 999)
        issues << Issue{QStringLiteral("copies"), QStringLiteral("copies.range"),
                        tr("Copies must be between 1 and 999.")};
    if (offer && s.start.isValid() && !s.end.isValid())
        s.end = s.start.addMonths(offer->months).addDays(-1);
    if (s.start.isValid() && s.end.isValid() && s.end < s.start)
        issues << Issue{QStringLiteral("end"), QStringLiteral("date.range"),
                        tr("The end date %1 is before the start date %2.")
                            .arg(Validation::displayDate(s.end), Validation::displayDate(s.start))};
    if (!issues.isEmpty())
        return Error::invalid(issues);
    s.publicationId = offer->publicationId;
    if (auto r = write(Change::Kind::Create, QStringLiteral("subscription.create"), QStringLiteral("subscription"),
                       s.meta.id, Rows::subscription(s)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(s.meta.id);
}

Result<Subscription> Store::cancelSubscription(const Subscription &seen, QDate date, const QString &reason)
{
    Issues issues;
    if (!date.isValid())
        issues << Issue{QStringLiteral("date"), QStringLiteral("date.invalid"),
                        tr("The cancellation date is missing or not a date (YYYY-MM-DD).")};
    if (reason.trimmed().isEmpty())
        issues << Issue{QStringLiteral("reason"), QStringLiteral("reason.required"),
                        tr("A cancellation needs a reason.")};
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    // The rules look at the subscription as stored; the base of the change is what the clerk saw.
    const auto s = subscriptionById(seen.meta.id);
    if (!s)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    if (date.isValid() && date < s->start)
        issues << Issue{QStringLiteral("date"), QStringLiteral("date.range"),
                        tr("The cancellation date is before the subscription starts (%1).")
                            .arg(Validation::displayDate(s->start))};
    if (!issues.isEmpty())
        return Error::invalid(issues);
    if (s->cancelDate.isValid())
        return conflict(QStringLiteral("subscription.cancelled"), QStringLiteral("date"),
                        tr("This subscription is already cancelled from %1.")
                            .arg(Validation::displayDate(s->cancelDate)));
    if (auto r = update(QStringLiteral("subscription.cancel"), QStringLiteral("subscription"), seen.meta.id,
                        {{QStringLiteral("cancel_date"), Rows::date(date)},
                         {QStringLiteral("cancel_reason"), reason.trimmed()},
                         {QStringLiteral("auto_renew"), 0}},
                        Rows::subscription(seen)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(seen.meta.id);
}

Result<Subscription> Store::cancelSubscription(const QString &id, QDate date, const QString &reason)
{
    const auto seen = subscriptionById(id);
    if (!seen)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    return cancelSubscription(*seen, date, reason);
}

Result<Subscription> Store::renewSubscription(const Subscription &seen)
{
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto s = subscriptionById(seen.meta.id);
    if (!s)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
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
    if (auto r = update(QStringLiteral("subscription.renew"), QStringLiteral("subscription"), seen.meta.id,
                        {{QStringLiteral("end_date"), Rows::date(end)}}, Rows::subscription(seen)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(seen.meta.id);
}

Result<Subscription> Store::renewSubscription(const QString &id)
{
    const auto seen = subscriptionById(id);
    if (!seen)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    return renewSubscription(*seen);
}

Result<Subscription> Store::restartSubscription(const Subscription &seen)
{
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto s = subscriptionById(seen.meta.id);
    if (!s)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    if (!s->cancelDate.isValid())
        return conflict(QStringLiteral("subscription.not_cancelled"), QStringLiteral("subscription"),
                        tr("This subscription is not cancelled."));
    // The cleared date travels as null (not ""), so that the server clears it too.
    if (auto r = update(QStringLiteral("subscription.restart"), QStringLiteral("subscription"), seen.meta.id,
                        {{QStringLiteral("cancel_date"), Rows::date(QDate())},
                         {QStringLiteral("cancel_reason"), QStringLiteral("")}},
                        Rows::subscription(seen)); !r)
        return r.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return *subscriptionById(seen.meta.id);
}

Result<Subscription> Store::restartSubscription(const QString &id)
{
    const auto seen = subscriptionById(id);
    if (!seen)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    return restartSubscription(*seen);
}

Issues Store::overlapIssues(const DeliveryChange &c)
{
    Issues issues;
    for (const DeliveryChange &other : deliveryChangesOf(c.subscriptionId)) {
        if (other.meta.deleted || other.meta.id == c.meta.id)
            continue;
        if (c.from <= other.to && other.from <= c.to) {
            const QString what = other.kind == DeliveryChangeKind::Hold ? tr("a hold")
                                                                       : tr("a holiday address");
            issues << Issue{QStringLiteral("from"), QStringLiteral("range.overlap"),
                            tr("These dates overlap %1 from %2 to %3 on the same subscription.")
                                .arg(what, Validation::displayDate(other.from),
                                     Validation::displayDate(other.to))};
        }
    }
    return issues;
}

Result<DeliveryChange> Store::addDeliveryChange(DeliveryChange c, const std::optional<Subscription> &seenSubscription)
{
    Issues issues = Validation::validateDateRange(c.from, c.to, QStringLiteral("from"), QStringLiteral("to"));
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
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    if (Issues overlap = overlapIssues(c); !overlap.isEmpty()) {
        Error e = Error::make(ErrorKind::Conflict, QStringLiteral("range.overlap"), overlap.first().message);
        e.issues = overlap;
        return e;
    }
    if (auto r = write(Change::Kind::Create,
                       hold ? QStringLiteral("hold.create") : QStringLiteral("holiday_address.create"),
                       QStringLiteral("delivery_change"), c.meta.id, Rows::deliveryChange(c)); !r)
        return r.error();
    if (Status st = compensateHold(*sub, seenSubscription.value_or(*sub), DeliveryChange{}, c); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return c;
}

Status Store::compensateHold(const Subscription &current, const Subscription &seen, const DeliveryChange &before,
                             const DeliveryChange &after)
{
    // The reader gets the issues a hold misses back at the end of the term: the end moves by the
    // difference between the issues the hold misses after the change and before it.
    const auto pub = publicationById(current.publicationId);
    if (!pub || !current.end.isValid())
        return Ok{};
    auto missed = [&](const DeliveryChange &c) {
        int n = 0;
        if (c.meta.deleted || c.kind != DeliveryChangeKind::Hold || c.compensation != HoldCompensation::ExtendEnd
            || !c.from.isValid() || !c.to.isValid())
            return 0;
        for (QDate d = qMax(c.from, current.start); d <= c.to; d = d.addDays(1))
            n += pub->weekdays.contains(d) ? 1 : 0;
        return n;
    };
    const int delta = missed(after) - missed(before);
    if (delta == 0)
        return Ok{};
    const QDate end = moveByIssues(current.end, delta, pub->weekdays);
    if (auto r = update(QStringLiteral("subscription.extend"), QStringLiteral("subscription"), current.meta.id,
                        {{QStringLiteral("end_date"), Rows::date(end)}}, Rows::subscription(seen)); !r)
        return r.error();
    return Ok{};
}

Result<DeliveryChange> Store::changeDeliveryChange(const DeliveryChange &seen, const Subscription &seenSubscription,
                                                   QDate from, QDate to)
{
    if (Issues issues = Validation::validateDateRange(from, to, QStringLiteral("from"), QStringLiteral("to"));
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
        return notFound(QStringLiteral("delivery_change.unknown"), tr("This hold or holiday address does not exist."));
    const auto sub = subscriptionById(current->subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    DeliveryChange next = *current;
    next.from = from;
    next.to = to;
    if (Issues overlap = overlapIssues(next); !overlap.isEmpty()) {
        Error e = Error::make(ErrorKind::Conflict, QStringLiteral("range.overlap"), overlap.first().message);
        e.issues = overlap;
        return e;
    }
    const bool hold = next.kind == DeliveryChangeKind::Hold;
    if (auto r = update(hold ? QStringLiteral("hold.update") : QStringLiteral("holiday_address.update"),
                        QStringLiteral("delivery_change"), seen.meta.id,
                        {{QStringLiteral("from_date"), Rows::date(from)}, {QStringLiteral("to_date"), Rows::date(to)}},
                        Rows::deliveryChange(seen)); !r)
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
        return notFound(QStringLiteral("delivery_change.unknown"), tr("This hold or holiday address does not exist."));
    const auto seenSubscription = subscriptionById(seen->subscriptionId);
    if (!seenSubscription)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
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
        return notFound(QStringLiteral("delivery_change.unknown"), tr("This hold or holiday address does not exist."));
    const auto sub = subscriptionById(current->subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    DeliveryChange removed = *current;
    removed.meta.deleted = true;
    const bool hold = current->kind == DeliveryChangeKind::Hold;
    // A tombstone, so that the removal syncs to the server and to the other desks.
    if (auto r = update(hold ? QStringLiteral("hold.delete") : QStringLiteral("holiday_address.delete"),
                        QStringLiteral("delivery_change"), seen.meta.id, {{QStringLiteral("deleted"), 1}},
                        {{QStringLiteral("deleted"), seen.meta.deleted ? 1 : 0}}); !r)
        return r.error();
    if (Status st = compensateHold(*sub, seenSubscription, *current, removed); !st)
        return st;
    return tx.commit();
}

Status Store::removeDeliveryChange(const QString &id)
{
    const auto seen = deliveryChangeById(id);
    if (!seen || seen->meta.deleted)
        return notFound(QStringLiteral("delivery_change.unknown"), tr("This hold or holiday address does not exist."));
    const auto seenSubscription = subscriptionById(seen->subscriptionId);
    if (!seenSubscription)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    return removeDeliveryChange(*seen, *seenSubscription);
}

std::optional<DeliveryChange> Store::deliveryChangeById(const QString &id)
{
    return selectOne<DeliveryChange>(db(), QStringLiteral("SELECT * FROM delivery_change WHERE id = ?"), id,
                                     readDeliveryChange);
}

Result<Complaint> Store::addComplaint(Complaint c, const std::optional<Subscription> &seenSubscription)
{
    Issues issues;
    if (!c.issueDate.isValid())
        issues << Issue{QStringLiteral("issue_date"), QStringLiteral("date.invalid"),
                        tr("The issue date is missing or not a date (YYYY-MM-DD).")};
    if (c.compensationIssues < 0 || c.compensationIssues > 365)
        issues << Issue{QStringLiteral("compensation_issues"), QStringLiteral("compensation.range"),
                        tr("Compensation is 0 to 365 issues.")};
    if (seenSubscription && seenSubscription->meta.id != c.subscriptionId)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.seen"),
                           QStringLiteral("the subscription seen is not the complaint's"));
    Transaction tx(db());
    if (!tx.isOpen())
        return tx.beginError();
    const auto sub = subscriptionById(c.subscriptionId);
    if (!sub)
        return notFound(QStringLiteral("subscription.unknown"), tr("This subscription does not exist."));
    if (!issues.isEmpty())
        return Error::invalid(issues);
    c.meta.id = c.meta.id.isEmpty() ? newUuid() : c.meta.id;
    if (auto r = write(Change::Kind::Create, QStringLiteral("complaint.create"), QStringLiteral("complaint"),
                       c.meta.id, Rows::complaint(c)); !r)
        return r.error();
    if (c.compensationIssues > 0 && sub->end.isValid()) {
        if (const auto pub = publicationById(sub->publicationId)) {
            const QDate end = addIssues(sub->end, c.compensationIssues, pub->weekdays);
            if (auto r = update(QStringLiteral("subscription.extend"), QStringLiteral("subscription"), sub->meta.id,
                                {{QStringLiteral("end_date"), Rows::date(end)}},
                                Rows::subscription(seenSubscription.value_or(*sub))); !r)
                return r.error();
        }
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return c;
}

std::optional<Subscription> Store::subscriptionById(const QString &id)
{
    return selectOne<Subscription>(db(), QStringLiteral("SELECT * FROM subscription WHERE id = ?"), id,
                                   readSubscription);
}

QList<Subscription> Store::subscriptionsOf(const QString &subscriberId)
{
    return selectAll<Subscription>(db(),
                                   QStringLiteral("SELECT * FROM subscription WHERE deleted = 0 AND "
                                                  "(recipient_id = ? OR payer_id = ?) ORDER BY start_date"),
                                   {subscriberId, subscriberId}, readSubscription);
}

QList<DeliveryChange> Store::deliveryChangesOf(const QString &subscriptionId)
{
    return selectAll<DeliveryChange>(db(),
                                     QStringLiteral("SELECT * FROM delivery_change WHERE deleted = 0 AND "
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
    return selectAll<AuditEntry>(
        db(),
        QStringLiteral("SELECT * FROM audit WHERE entity_id IN (%1) ORDER BY id").arg(marks.join(u',')),
        binds, [](const QSqlQuery &q) {
            AuditEntry a;
            a.id = col(q, "id").toLongLong();
            a.at = QDateTime::fromString(col(q, "at").toString(), Qt::ISODateWithMs);
            a.clerk = col(q, "clerk").toString();
            a.deskId = col(q, "desk_id").toString();
            a.channel = contactChannelFromCode(col(q, "channel").toString()).value_or(ContactChannel::Desk);
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
    const QString sql = pendingOnly
                            ? QStringLiteral("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq")
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
        r.problems << tr("Schema version %1, expected %2.").arg(r.schemaVersion).arg(Migrations::currentVersion());
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
    if (!q.exec(QStringLiteral("INSERT INTO subscriber_fts(subscriber_fts) VALUES ('integrity-check')"))) {
        r.ok = false;
        r.problems << tr("The search index does not match the subscribers: %1").arg(q.lastError().text());
    }
    // Desk sequence numbers are contiguous and never behind the outbox.
    if (q.exec(QStringLiteral("SELECT coalesce(max(seq), 0), count(*), coalesce(min(seq), 1), "
                              "(SELECT coalesce(CAST(value AS INTEGER), 0) FROM meta WHERE key = 'desk_seq') "
                              "FROM outbox")) && q.next()) {
        const qint64 maxSeq = q.value(0).toLongLong();
        const qint64 count = q.value(1).toLongLong();
        const qint64 minSeq = q.value(2).toLongLong();
        const qint64 deskSeq = q.value(3).toLongLong();
        if (count > 0 && maxSeq - minSeq + 1 != count) {
            r.ok = false;
            r.problems << tr("The outbox has gaps between desk sequence numbers %1 and %2.").arg(minSeq).arg(maxSeq);
        }
        if (maxSeq > deskSeq) {
            r.ok = false;
            r.problems << tr("The desk sequence (%1) is behind the outbox (%2).").arg(deskSeq).arg(maxSeq);
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
