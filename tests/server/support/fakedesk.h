#pragma once
// A desk as the server sees it: a desk id and its numbered outbox operations, in the wire format of
// models/writepath (seq, op_id, operation, entity, entity_id, fields, base, clerk, at,
// schema_version). Builders for valid rows of each synced table.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Relais::Test {

class FakeDesk
{
public:
    FakeDesk();
    const QString &id() const { return m_id; }
    qint64 lastSeq() const { return m_seq; }
    // The next operation, numbered seq + 1.
    QJsonObject op(const QString &operation, const QString &entity, const QString &entityId,
                   const QJsonObject &fields, const QJsonObject &base = {});
    QJsonObject push(const QJsonArray &ops) const;
    QJsonObject push(const QJsonObject &op) const { return push(QJsonArray{op}); }

private:
    QString m_id;
    qint64 m_seq = 0;
};

QString uuid();
QJsonObject publicationRow(const QString &code);
QJsonObject offerRow(const QString &publicationId, const QString &code);
QJsonObject subscriberRow(qint64 number, const QString &lastName);
QJsonObject subscriptionRow(const QString &subscriberId, const QString &offerId,
                            const QString &publicationId);
QJsonObject holdRow(const QString &subscriptionId, const QString &from, const QString &to);

} // namespace Relais::Test
