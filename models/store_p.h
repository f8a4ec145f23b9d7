#pragma once
// What store.cpp, storerows.cpp and storesubscriptions.cpp share: reading entities from query rows
// (defined in storerows.cpp) and the small helpers of Store's methods. Not an interface.

#include "store.h"

#include <QSqlQuery>

namespace Relais::StoreDetail {

QString tr(const char *text);
Error notFound(const QString &code, const QString &message);
Error conflict(const QString &code, const QString &field, const QString &message);
QDate toDate(const QVariant &v);
void readMeta(SyncMeta &m, const QSqlQuery &q);
QVariant col(const QSqlQuery &q, const char *name);
Publication readPublication(const QSqlQuery &q);
Offer readOffer(const QSqlQuery &q);
Address readAddress(const QSqlQuery &q);
Subscriber readSubscriber(const QSqlQuery &q);
Subscription readSubscription(const QSqlQuery &q);
DeliveryChange readDeliveryChange(const QSqlQuery &q);
Complaint readComplaint(const QSqlQuery &q);
// Text columns are NOT NULL: a null QString would bind as NULL.
QVariant str(const QString &s);
void putAddress(QVariantMap &m, const Address &a);

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

} // namespace Relais::StoreDetail
