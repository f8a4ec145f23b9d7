#include "fakedesk.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

namespace Relais::Test {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

FakeDesk::FakeDesk() : m_id(uuid()) {}

QJsonObject FakeDesk::op(const QString &operation, const QString &entity, const QString &entityId,
                         const QJsonObject &fields, const QJsonObject &base)
{
    ++m_seq;
    return {{QStringLiteral("seq"), m_seq},
            {QStringLiteral("op_id"), uuid()},
            {QStringLiteral("desk_id"), m_id},
            {QStringLiteral("operation"), operation},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("entity_id"), entityId},
            {QStringLiteral("fields"), fields},
            {QStringLiteral("base"), base},
            {QStringLiteral("clerk"), QStringLiteral("test")},
            {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("schema_version"), 3}};
}

QJsonObject FakeDesk::push(const QJsonArray &ops) const
{
    return {{QStringLiteral("desk_id"), m_id}, {QStringLiteral("ops"), ops}};
}

QJsonObject publicationRow(const QString &code)
{
    return {{QStringLiteral("publisher_id"),
             uuid()}, // the desk's local id; the server overrides it
            {QStringLiteral("code"), code},
            {QStringLiteral("name"), QString(QStringLiteral("Le Quotidien ") + code)},
            {QStringLiteral("periodicity"), QStringLiteral("daily")},
            {QStringLiteral("weekdays"), 126},
            {QStringLiteral("cutoff"), QStringLiteral("14:00")}};
}

QJsonObject offerRow(const QString &publicationId, const QString &code)
{
    return {{QStringLiteral("publication_id"), publicationId},
            {QStringLiteral("code"), code},
            {QStringLiteral("label"), QStringLiteral("Un an")},
            {QStringLiteral("months"), 12},
            {QStringLiteral("price_cents"), 24900},
            {QStringLiteral("channel"), QStringLiteral("print")}};
}

QJsonObject subscriberRow(qint64 number, const QString &lastName)
{
    return {{QStringLiteral("number"), number},
            {QStringLiteral("publisher_id"), uuid()},
            {QStringLiteral("civility"), QStringLiteral("Mme")},
            {QStringLiteral("first_name"), QStringLiteral("Anne")},
            {QStringLiteral("last_name"), lastName},
            {QStringLiteral("company"), QString()},
            {QStringLiteral("line2"), QString()},
            {QStringLiteral("line3"), QString()},
            {QStringLiteral("line4"), QStringLiteral("12 RUE DE LA PAIX")},
            {QStringLiteral("line5"), QString()},
            {QStringLiteral("postal_code"), QStringLiteral("75002")},
            {QStringLiteral("city"), QStringLiteral("PARIS")},
            {QStringLiteral("country"), QString()},
            {QStringLiteral("email"), QStringLiteral("anne@example.org")},
            {QStringLiteral("phone"), QString()},
            {QStringLiteral("consents"), QString()},
            {QStringLiteral("notes"), QString()},
            {QStringLiteral("sort_key"), QString(lastName.toLower() + QStringLiteral(" anne"))}};
}

QJsonObject subscriptionRow(const QString &subscriberId, const QString &offerId,
                            const QString &publicationId)
{
    return {{QStringLiteral("recipient_id"), subscriberId},
            {QStringLiteral("payer_id"), subscriberId},
            {QStringLiteral("offer_id"), offerId},
            {QStringLiteral("publication_id"), publicationId},
            {QStringLiteral("start_date"), QStringLiteral("2026-01-01")},
            {QStringLiteral("end_date"), QStringLiteral("2026-12-31")},
            {QStringLiteral("copies"), 1},
            {QStringLiteral("auto_renew"), 0},
            {QStringLiteral("cancel_date"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("cancel_reason"), QString()}};
}

QJsonObject holdRow(const QString &subscriptionId, const QString &from, const QString &to)
{
    return {{QStringLiteral("subscription_id"), subscriptionId},
            {QStringLiteral("kind"), QStringLiteral("hold")},
            {QStringLiteral("from_date"), from},
            {QStringLiteral("to_date"), to},
            {QStringLiteral("compensation"), QStringLiteral("none")}};
}

} // namespace Relais::Test
