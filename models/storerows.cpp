// Reading entities from query rows and writing them as column values (Rows::, store.h).

#include "store_p.h"

#include "migrations.h"
#include "validation.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Relais {

namespace StoreDetail {

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
    p.periodicity = periodicityFromCode(col(q, "periodicity").toString())
                        .value_or(Periodicity::Daily);
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
    s.address.inseeCode = col(q, "insee_code").toString();
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
    c.kind = deliveryChangeKindFromCode(col(q, "kind").toString())
                 .value_or(DeliveryChangeKind::Hold);
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
    m.insert(QStringLiteral("country"),
             str(a.isFrance() ? QString() : a.country.trimmed().toUpper()));
}

} // namespace StoreDetail

using namespace StoreDetail;

namespace Rows {

QVariant date(QDate d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate))
                       : QVariant(QMetaType::fromType<QString>());
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
    // A holiday address has no INSEE code (delivery_change has no such column).
    m.insert(QStringLiteral("insee_code"), str(s.address.inseeCode.trimmed()));
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
                  {QStringLiteral("compensation"), c.compensation == HoldCompensation::ExtendEnd
                                                       ? QStringLiteral("extend")
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

} // namespace Relais
