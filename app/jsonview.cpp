#include "jsonview.h"

#include "formats.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

namespace Relais::Json {

namespace {
QJsonValue date(QDate d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue();
}
} // namespace

QJsonObject address(const Address &a)
{
    return {{QStringLiteral("line2"), a.line2},
            {QStringLiteral("line3"), a.line3},
            {QStringLiteral("line4"), a.line4},
            {QStringLiteral("line5"), a.line5},
            {QStringLiteral("postal_code"), a.postalCode},
            {QStringLiteral("city"), a.city},
            {QStringLiteral("country"), a.country}};
}

QJsonObject subscriber(const Subscriber &s)
{
    QJsonObject o = address(s.address);
    o.insert(QStringLiteral("insee_code"), s.address.inseeCode); // the delivery address only
    o.insert(QStringLiteral("id"), s.meta.id);
    o.insert(QStringLiteral("number"), s.number);
    o.insert(QStringLiteral("civility"), s.civility);
    o.insert(QStringLiteral("first_name"), s.firstName);
    o.insert(QStringLiteral("last_name"), s.lastName);
    o.insert(QStringLiteral("company"), s.company);
    o.insert(QStringLiteral("line1"), s.line1());
    o.insert(QStringLiteral("email"), s.email);
    o.insert(QStringLiteral("phone"), s.phone);
    o.insert(QStringLiteral("consents"), s.consents);
    o.insert(QStringLiteral("notes"), s.notes);
    o.insert(QStringLiteral("rev"), s.meta.rev);
    o.insert(QStringLiteral("updated_at"), isoUtc(s.meta.updatedAt));
    o.insert(QStringLiteral("updated_by"), s.meta.updatedBy);
    return o;
}

QJsonObject subscription(const Subscription &s)
{
    return {{QStringLiteral("id"), s.meta.id},
            {QStringLiteral("recipient_id"), s.recipientId},
            {QStringLiteral("payer_id"), s.payerId},
            {QStringLiteral("offer_id"), s.offerId},
            {QStringLiteral("publication_id"), s.publicationId},
            {QStringLiteral("start"), date(s.start)},
            {QStringLiteral("end"), date(s.end)},
            {QStringLiteral("copies"), s.copies},
            {QStringLiteral("auto_renew"), s.autoRenew},
            {QStringLiteral("cancel_date"), date(s.cancelDate)},
            {QStringLiteral("cancel_reason"), s.cancelReason},
            {QStringLiteral("status"),
             statusCode(subscriptionStatusOn(s, QDate::currentDate(), {}))}};
}

QJsonObject deliveryChange(const DeliveryChange &c)
{
    QJsonObject o{{QStringLiteral("id"), c.meta.id},
                  {QStringLiteral("subscription_id"), c.subscriptionId},
                  {QStringLiteral("kind"), deliveryChangeKindCode(c.kind)},
                  {QStringLiteral("from"), date(c.from)},
                  {QStringLiteral("to"), date(c.to)}};
    if (c.kind == DeliveryChangeKind::TemporaryAddress)
        o.insert(QStringLiteral("address"), address(c.address));
    return o;
}

QJsonObject publication(const Publication &p)
{
    return {{QStringLiteral("id"), p.meta.id},
            {QStringLiteral("code"), p.code},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("periodicity"), periodicityCode(p.periodicity)},
            {QStringLiteral("weekdays"), p.weekdays.toString()},
            {QStringLiteral("cutoff"), p.cutoff.toString(QStringLiteral("HH:mm"))}};
}

QJsonObject offer(const Offer &o)
{
    return {{QStringLiteral("id"), o.meta.id},
            {QStringLiteral("code"), o.code},
            {QStringLiteral("publication_id"), o.publicationId},
            {QStringLiteral("label"), o.label},
            {QStringLiteral("months"), o.months},
            {QStringLiteral("price_cents"), o.priceCents},
            {QStringLiteral("channel"), channelCode(o.channel)}};
}

QJsonObject searchHit(const SearchHit &h)
{
    return {{QStringLiteral("id"), h.id},
            {QStringLiteral("number"), h.number},
            {QStringLiteral("civility"), h.civility},
            {QStringLiteral("first_name"), h.firstName},
            {QStringLiteral("last_name"), h.lastName},
            {QStringLiteral("company"), h.company},
            {QStringLiteral("line4"), h.line4},
            {QStringLiteral("postal_code"), h.postalCode},
            {QStringLiteral("city"), h.city},
            {QStringLiteral("email"), h.email},
            {QStringLiteral("phone"), h.phone}};
}

QJsonObject deliveryLine(const DeliveryLine &l)
{
    QJsonObject o = address(l.address);
    o.insert(QStringLiteral("subscription_id"), l.subscriptionId);
    o.insert(QStringLiteral("number"), l.number);
    o.insert(QStringLiteral("line1"), l.recipient().line1());
    o.insert(QStringLiteral("temporary_address"), l.temporaryAddress);
    o.insert(QStringLiteral("copies"), l.copies);
    o.insert(QStringLiteral("payer_number"), l.payerNumber);
    o.insert(QStringLiteral("offer"), l.offerCode);
    return o;
}

QJsonObject outboxOperation(const OutboxOperation &op)
{
    return {{QStringLiteral("seq"), op.seq},
            {QStringLiteral("op_id"), op.opId},
            {QStringLiteral("desk_id"), op.deskId},
            {QStringLiteral("operation"), op.operation},
            {QStringLiteral("entity"), op.entity},
            {QStringLiteral("entity_id"), op.entityId},
            {QStringLiteral("fields"), QJsonDocument::fromJson(op.fields.toUtf8()).object()},
            {QStringLiteral("base"), QJsonDocument::fromJson(op.base.toUtf8()).object()},
            {QStringLiteral("clerk"), op.clerk},
            {QStringLiteral("at"), op.at},
            {QStringLiteral("schema_version"), op.schemaVersion},
            {QStringLiteral("state"), op.state}};
}

Result<Subscriber> subscriberFrom(const QJsonObject &o)
{
    static const QSet<QString> known =
        {QStringLiteral("civility"),  QStringLiteral("first_name"), QStringLiteral("last_name"),
         QStringLiteral("company"),   QStringLiteral("line2"),      QStringLiteral("line3"),
         QStringLiteral("line4"),     QStringLiteral("line5"),      QStringLiteral("postal_code"),
         QStringLiteral("city"),      QStringLiteral("country"),    QStringLiteral("email"),
         QStringLiteral("phone"),     QStringLiteral("consents"),   QStringLiteral("notes"),
         QStringLiteral("insee_code")};
    Issues issues;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            issues << Issue{it.key(), QStringLiteral("field.unknown"),
                            QCoreApplication::translate("Relais", "Unknown field \"%1\".")
                                .arg(it.key())};
        else if (!it.value().isString() && !it.value().isNull())
            issues << Issue{it.key(), QStringLiteral("field.type"),
                            QCoreApplication::translate("Relais", "\"%1\" must be a string.")
                                .arg(it.key())};
    }
    if (!issues.isEmpty())
        return Error::invalid(issues);
    auto s = [&o](const char *k) { return o.value(QLatin1StringView(k)).toString(); };
    Subscriber sub;
    sub.civility = s("civility");
    sub.firstName = s("first_name");
    sub.lastName = s("last_name");
    sub.company = s("company");
    sub.address.line2 = s("line2");
    sub.address.line3 = s("line3");
    sub.address.line4 = s("line4");
    sub.address.line5 = s("line5");
    sub.address.postalCode = s("postal_code");
    sub.address.city = s("city");
    sub.address.country = s("country");
    sub.address.inseeCode = s("insee_code");
    sub.email = s("email");
    sub.phone = s("phone");
    sub.consents = s("consents");
    sub.notes = s("notes");
    return sub;
}

} // namespace Relais::Json
