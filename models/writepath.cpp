#include "writepath.h"

#include "database.h"
#include "migrations.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

namespace {
const QSet<QString> kSyncedTables = {
    QStringLiteral("publisher"), QStringLiteral("publication"), QStringLiteral("offer"),
    QStringLiteral("subscriber"), QStringLiteral("subscription"), QStringLiteral("delivery_change"),
    QStringLiteral("complaint")};

// Columns the write path maintains itself.
const QSet<QString> kReservedColumns = {QStringLiteral("seq"), QStringLiteral("id"),
                                        QStringLiteral("rev"), QStringLiteral("updated_at"),
                                        QStringLiteral("updated_by")};

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull();
    return a.toString() == b.toString();
}

bool isIdentifier(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (!(c.isLower() || c.isDigit() || c == u'_'))
            return false;
    return true;
}
} // namespace

QString toJson(const QVariantMap &map)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

QVariantMap fromJson(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object().toVariantMap();
}

QString nowUtcIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

WritePath::WritePath(QSqlDatabase db, QString deskId, Actor actor)
    : m_db(std::move(db)), m_deskId(std::move(deskId)), m_actor(std::move(actor))
{}

int WritePath::operationSchemaVersion()
{
    return Migrations::currentVersion();
}

bool WritePath::isSyncedTable(const QString &table)
{
    return kSyncedTables.contains(table);
}

Result<QVariantMap> WritePath::currentRow(const QString &table, const QString &id,
                                          const QStringList &columns)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, %1 FROM %2 WHERE id = ?").arg(columns.join(u','), table));
    q.addBindValue(id);
    if (!q.exec())
        return storageError(QStringLiteral("SELECT ") + table, q.lastError().text());
    if (!q.next())
        return QVariantMap{};
    QVariantMap row;
    row.insert(QStringLiteral("seq"), q.value(0));
    for (int i = 0; i < columns.size(); ++i)
        row.insert(columns.at(i), q.value(i + 1));
    return row;
}

Result<qint64> WritePath::nextDeskSeq()
{
    // The desk sequence lives in meta, not in max(outbox.seq): acknowledged operations are purged
    // later, and a number must never be handed out twice.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES ('desk_seq', '1') "
                               "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 "
                               "RETURNING value")) || !q.next())
        return storageError(QStringLiteral("desk_seq"), q.lastError().text());
    return q.value(0).toLongLong();
}

Result<ChangeRecord> WritePath::apply(const Change &change)
{
    if (!isSyncedTable(change.table))
        return Error::make(ErrorKind::Internal, QStringLiteral("write.table"),
                           QStringLiteral("not a synced table: ") + change.table);
    QStringList columns;
    for (auto it = change.values.cbegin(); it != change.values.cend(); ++it) {
        if (!isIdentifier(it.key()) || kReservedColumns.contains(it.key()))
            return Error::make(ErrorKind::Internal, QStringLiteral("write.column"),
                               QStringLiteral("column not writable: ") + it.key());
        columns << it.key();
    }

    auto current = currentRow(change.table, change.id, columns);
    if (!current)
        return current.error();
    const bool exists = !current->isEmpty();
    if (change.kind == Change::Kind::Create && exists)
        return Error::make(ErrorKind::Conflict, QStringLiteral("write.exists"),
                           QCoreApplication::translate("Relais", "This record already exists."));
    if (change.kind == Change::Kind::Update && !exists)
        return Error::make(ErrorKind::NotFound, QStringLiteral("write.missing"),
                           QCoreApplication::translate("Relais", "This record no longer exists."));

    ChangeRecord rec;
    for (const QString &c : columns) {
        const QVariant v = change.values.value(c);
        if (change.kind == Change::Kind::Create) {
            rec.fields.insert(c, v);
        } else if (!sameValue(current->value(c), v)) {
            rec.fields.insert(c, v);
            rec.base.insert(c, current->value(c));
        }
    }
    if (change.kind == Change::Kind::Update && rec.fields.isEmpty()) {
        rec.rowSeq = current->value(QStringLiteral("seq")).toLongLong();
        return rec; // nothing changed: no audit, no operation
    }

    const QString now = nowUtcIso();
    QSqlQuery q(m_db);
    const QStringList changed = rec.fields.keys();
    if (change.kind == Change::Kind::Create) {
        QStringList cols = changed;
        cols << QStringLiteral("id") << QStringLiteral("updated_at") << QStringLiteral("updated_by");
        QStringList marks;
        marks.fill(QStringLiteral("?"), cols.size());
        q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING seq")
                      .arg(change.table, cols.join(u','), marks.join(u',')));
        for (const QString &c : changed)
            q.addBindValue(rec.fields.value(c));
        q.addBindValue(change.id);
        q.addBindValue(now);
        q.addBindValue(m_actor.clerk);
    } else {
        QStringList sets;
        for (const QString &c : changed)
            sets << c + QStringLiteral(" = ?");
        sets << QStringLiteral("updated_at = ?") << QStringLiteral("updated_by = ?");
        q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ? RETURNING seq")
                      .arg(change.table, sets.join(u',')));
        for (const QString &c : changed)
            q.addBindValue(rec.fields.value(c));
        q.addBindValue(now);
        q.addBindValue(m_actor.clerk);
        q.addBindValue(change.id);
    }
    if (!q.exec() || !q.next())
        return storageError(change.operation, q.lastError().text());
    rec.rowSeq = q.value(0).toLongLong();
    q.finish();

    auto seq = nextDeskSeq();
    if (!seq)
        return seq.error();
    rec.deskSeq = *seq;
    rec.opId = newUuid();
    const QString fieldsJson = toJson(rec.fields);
    const QString baseJson = toJson(rec.base);

    q.prepare(QStringLiteral("INSERT INTO audit (at, clerk, desk_id, channel, entity, entity_id, "
                             "operation, old_values, new_values, op_id) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v : {QVariant(now), QVariant(m_actor.clerk), QVariant(m_deskId),
                              QVariant(contactChannelCode(m_actor.channel)), QVariant(change.table),
                              QVariant(change.id), QVariant(change.operation), QVariant(baseJson),
                              QVariant(fieldsJson), QVariant(rec.opId)})
        q.addBindValue(v);
    if (!q.exec())
        return storageError(QStringLiteral("audit"), q.lastError().text());

    q.prepare(QStringLiteral("INSERT INTO outbox (seq, op_id, desk_id, operation, entity, entity_id, "
                             "fields, base, clerk, at, schema_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v : {QVariant(rec.deskSeq), QVariant(rec.opId), QVariant(m_deskId),
                              QVariant(change.operation), QVariant(change.table), QVariant(change.id),
                              QVariant(fieldsJson), QVariant(baseJson), QVariant(m_actor.clerk),
                              QVariant(now), QVariant(operationSchemaVersion())})
        q.addBindValue(v);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError().text());
    return rec;
}

} // namespace Relais
