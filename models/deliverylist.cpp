#include "deliverylist.h"

#include "database.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

Subscriber DeliveryLine::recipient() const
{
    Subscriber s;
    s.meta.id = subscriberId;
    s.number = number;
    s.civility = civility;
    s.firstName = firstName;
    s.lastName = lastName;
    s.company = company;
    s.address = address;
    return s;
}

Status DeliveryListQuery::checkIssueDay(const Publication &publication, QDate date)
{
    if (!date.isValid())
        return Error::invalid({Issue{QStringLiteral("date"), QStringLiteral("date.invalid"),
                                     QCoreApplication::translate("Relais", "The issue date is missing or not a date (YYYY-MM-DD).")}});
    if (!publication.weekdays.contains(date))
        return Error::invalid({Issue{
            QStringLiteral("date"), QStringLiteral("date.not_issue_day"),
            QCoreApplication::translate("Relais", "%1 does not appear on %2 (%3); its issue days are %4.")
                .arg(publication.code, date.toString(Qt::ISODate),
                     QLocale::c().dayName(date.dayOfWeek()), publication.weekdays.toString())}});
    return Ok{};
}

const QString &DeliveryListQuery::statement()
{
    static const QString sql = QStringLiteral(
        "SELECT s.id, r.id, r.number, r.civility, r.first_name, r.last_name, r.company, "
        "  coalesce(t.line2, r.line2), coalesce(t.line3, r.line3), coalesce(t.line4, r.line4), "
        "  coalesce(t.line5, r.line5), coalesce(t.postal_code, r.postal_code), "
        "  coalesce(t.city, r.city), coalesce(t.country, r.country), t.id IS NOT NULL, s.copies, "
        "  s.payer_id, CASE WHEN s.payer_id = s.recipient_id THEN r.number "
        "    ELSE (SELECT p.number FROM subscriber p WHERE p.id = s.payer_id) END, "
        "  s.offer_id, s.start_date, s.end_date "
        "FROM subscription s "
        "JOIN subscriber r ON r.id = s.recipient_id "
        "LEFT JOIN delivery_change t ON t.subscription_id = s.id AND t.kind = 'address' "
        "  AND t.deleted = 0 AND t.from_date <= :d1 AND t.to_date >= :d2 "
        "WHERE s.publication_id = :pub AND s.start_date <= :d3 AND s.deleted = 0 AND r.deleted = 0 "
        "  AND (s.end_date IS NULL OR s.end_date >= :d4) "
        "  AND (s.cancel_date IS NULL OR s.cancel_date > :d5) "
        "  AND s.id NOT IN (SELECT h.subscription_id FROM delivery_change h WHERE h.kind = 'hold' "
        "    AND h.deleted = 0 AND h.from_date <= :d6 AND h.to_date >= :d7) "
        "ORDER BY coalesce(t.postal_code, r.postal_code), r.sort_key, r.number, s.id");
    return sql;
}

Result<DeliverySummary> DeliveryListQuery::forEach(const Publication &publication, QDate date,
                                                   const std::function<bool(const DeliveryLine &)> &sink)
{
    if (Status s = checkIssueDay(publication, date); !s)
        return s.error();
    // One pass over the title's subscriptions started by D (index subscription_delivery). Holds on D
    // are a list computed once (NOT IN), the payer is looked up only when it is not the recipient,
    // and offer codes come from a small map: each saves a UUID index lookup per line.
    const QString &sql = statement();
    QHash<QString, QString> offerCodes;
    {
        QSqlQuery offers(m_db);
        if (!offers.exec(QStringLiteral("SELECT id, code FROM offer")))
            return storageError(QStringLiteral("delivery list"), offers.lastError().text());
        while (offers.next())
            offerCodes.insert(offers.value(0).toString(), offers.value(1).toString());
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return storageError(QStringLiteral("delivery list"), q.lastError().text());
    const QString d = date.toString(Qt::ISODate);
    for (const char *name : {":d1", ":d2", ":d3", ":d4", ":d5", ":d6", ":d7"})
        q.bindValue(QString::fromLatin1(name), d);
    q.bindValue(QStringLiteral(":pub"), publication.meta.id);
    if (!q.exec())
        return storageError(QStringLiteral("delivery list"), q.lastError().text());
    DeliverySummary summary;
    DeliveryLine line;
    while (q.next()) {
        line.subscriptionId = q.value(0).toString();
        line.subscriberId = q.value(1).toString();
        line.number = q.value(2).toLongLong();
        line.civility = q.value(3).toString();
        line.firstName = q.value(4).toString();
        line.lastName = q.value(5).toString();
        line.company = q.value(6).toString();
        line.address.line2 = q.value(7).toString();
        line.address.line3 = q.value(8).toString();
        line.address.line4 = q.value(9).toString();
        line.address.line5 = q.value(10).toString();
        line.address.postalCode = q.value(11).toString();
        line.address.city = q.value(12).toString();
        line.address.country = q.value(13).toString();
        line.temporaryAddress = q.value(14).toBool();
        line.copies = q.value(15).toInt();
        line.payerId = q.value(16).toString();
        line.payerNumber = q.value(17).toLongLong();
        line.offerCode = offerCodes.value(q.value(18).toString());
        line.start = QDate::fromString(q.value(19).toString(), Qt::ISODate);
        line.end = q.value(20).isNull() ? QDate() : QDate::fromString(q.value(20).toString(), Qt::ISODate);
        ++summary.lines;
        summary.copies += line.copies;
        if (!sink(line))
            return Error::make(ErrorKind::Internal, QStringLiteral("cancelled"),
                               QCoreApplication::translate("Relais", "Cancelled."));
    }
    return summary;
}

Result<QList<DeliveryLine>> DeliveryListQuery::lines(const Publication &publication, QDate date)
{
    QList<DeliveryLine> out;
    auto r = forEach(publication, date, [&out](const DeliveryLine &l) {
        out << l;
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

} // namespace Relais
