#pragma once
// The one way a synced row changes on a desk: the row, its audit entry and its outbox operation are
// written together inside the caller's transaction, so the outbox never gets out of step with the
// data. Only fields whose value changes are written, audited and sent, each with the base value it
// replaced (the server's field-level conflict check compares against it).

#include "domain.h"
#include "result.h"

#include <QSqlDatabase>
#include <QVariantMap>

namespace Relais {

// Who makes a change and how the reader reached us.
struct Actor
{
    QString clerk;
    ContactChannel channel = ContactChannel::Desk;
};

struct Change
{
    enum class Kind { Create, Update };
    Kind kind = Kind::Update;
    QString operation; // business operation, e.g. "subscriber.update", "subscription.cancel"
    QString table;     // one of the synced tables
    QString id;        // the row's UUID
    QVariantMap values; // column -> new value (TEXT, INTEGER or null)
};

struct ChangeRecord
{
    qint64 deskSeq = 0; // 0 when nothing changed (no audit, no outbox)
    QString opId;
    QVariantMap fields; // the changed columns' new values
    QVariantMap base;   // their previous values (empty on create)
    qint64 rowSeq = 0;  // local row key
};

class WritePath final
{
public:
    WritePath(QSqlDatabase db, QString deskId, Actor actor);

    // Must run inside an open transaction (see Transaction). Fails, writing nothing the caller
    // would keep, if the row is missing (update), exists (create), or the database refuses.
    Result<ChangeRecord> apply(const Change &change);

    // Schema version recorded on outbox operations.
    static int operationSchemaVersion();
    static bool isSyncedTable(const QString &table);

private:
    Result<QVariantMap> currentRow(const QString &table, const QString &id, const QStringList &columns);
    Result<qint64> nextDeskSeq();

    QSqlDatabase m_db;
    QString m_deskId;
    Actor m_actor;
};

QString toJson(const QVariantMap &map);
QVariantMap fromJson(const QString &json);
QString nowUtcIso();

} // namespace Relais
