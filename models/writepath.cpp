#include "writepath.h"

#include "database.h"
#include "formats.h"
#include "migrations.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace Relais {

namespace {
const QSet<QString> kSyncedTables = {QStringLiteral("publisher"),
                                     QStringLiteral("publication"),
                                     QStringLiteral("offer"),
                                     QStringLiteral("subscriber"),
                                     QStringLiteral("subscription"),
                                     QStringLiteral("delivery_change"),
                                     QStringLiteral("complaint")};

// Columns the write path maintains itself.
const QSet<QString> kReservedColumns = {QStringLiteral("seq"), QStringLiteral("id"),
                                        QStringLiteral("rev"), QStringLiteral("updated_at"),
                                        QStringLiteral("updated_by")};

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (isNullValue(a) || isNullValue(b))
        return isNullValue(a) == isNullValue(b);
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

bool isNullValue(const QVariant &v)
{
    // Qt 6's QVariant::isNull() is false for a QVariant holding a null QString, which the SQL driver
    // binds as NULL all the same.
    if (!v.isValid() || v.isNull())
        return true;
    if (v.typeId() == QMetaType::QString)
        return v.toString().isNull();
    if (v.typeId() == QMetaType::QByteArray)
        return v.toByteArray().isNull();
    return false;
}

QString toJson(const QVariantMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), isNullValue(it.value()) ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue::fromVariant(it.value()));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString rowJson(const QVariantMap &values)
{
    QByteArray out;
    out.reserve(512);
    out += '{';
    bool first = true;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!first)
            out += ',';
        first = false;
        out += '"' + it.key().toUtf8() + "\":";
        const QVariant &v = it.value();
        if (isNullValue(v)) {
            out += "null";
            continue;
        }
        if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int) {
            out += QByteArray::number(v.toLongLong());
            continue;
        }
        if (v.typeId() != QMetaType::QString)
            return toJson(values);
        const QString text = v.toString();
        if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSurrogate(); }))
            return toJson(values); // Qt's own handling of broken pairs
        appendJsonString(out, text, JsonEscapes::Qt);
    }
    out += '}';
    return QString::fromUtf8(out);
}

QVariantMap fromJson(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object().toVariantMap();
}

WritePath::WritePath(QSqlDatabase db, QString deskId, Actor actor)
    : m_db(std::move(db)), m_deskId(std::move(deskId)), m_actor(std::move(actor))
{
}

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
        return storageError(QStringLiteral("SELECT ") + table, q.lastError());
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
                               "RETURNING value"))
        || !q.next())
        return storageError(QStringLiteral("desk_seq"), q.lastError());
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

    if (change.base && change.kind == Change::Kind::Update) {
        for (const QString &c : std::as_const(columns))
            if (!change.base->contains(c))
                return Error::make(ErrorKind::Internal, QStringLiteral("write.base"),
                                   QStringLiteral("no base value for column ") + c);
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
        // The base is what the clerk saw when given, else the row as it is now.
        const QVariant before = change.base ? change.base->value(c) : current->value(c);
        if (change.kind == Change::Kind::Create) {
            rec.fields.insert(c, v);
        } else if (!sameValue(before, v)) {
            rec.fields.insert(c, v);
            rec.base.insert(c, before);
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
        cols << QStringLiteral("id") << QStringLiteral("updated_at")
             << QStringLiteral("updated_by");
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
        return storageError(change.operation, q.lastError());
    rec.rowSeq = q.value(0).toLongLong();
    q.finish();

    auto seq = nextDeskSeq();
    if (!seq)
        return seq.error();
    rec.deskSeq = *seq;
    rec.opId = newUuid();
    const QString fieldsJson = toJson(rec.fields);
    const QString baseJson = toJson(rec.base);

    q.prepare(
        QStringLiteral("INSERT INTO audit (at, clerk, desk_id, channel, entity, entity_id, "
                       "operation, old_values, new_values, op_id) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v : {QVariant(now), QVariant(m_actor.clerk), QVariant(m_deskId),
                              QVariant(contactChannelCode(m_actor.channel)), QVariant(change.table),
                              QVariant(change.id), QVariant(change.operation), QVariant(baseJson),
                              QVariant(fieldsJson), QVariant(rec.opId)})
        q.addBindValue(v);
    if (!q.exec())
        return storageError(QStringLiteral("audit"), q.lastError());

    q.prepare(
        QStringLiteral("INSERT INTO outbox (seq, op_id, desk_id, operation, entity, entity_id, "
                       "fields, base, clerk, at, schema_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v :
         {QVariant(rec.deskSeq), QVariant(rec.opId), QVariant(m_deskId), QVariant(change.operation),
          QVariant(change.table), QVariant(change.id), QVariant(fieldsJson), QVariant(baseJson),
          QVariant(m_actor.clerk), QVariant(now), QVariant(operationSchemaVersion())})
        q.addBindValue(v);
    if (!q.exec())
        return storageError(QStringLiteral("outbox"), q.lastError());
    return rec;
}

BulkCreate::BulkCreate(QSqlDatabase db, QString deskId, Actor actor, QString table,
                       QString operation, QString importId)
    : m_db(std::move(db)), m_deskId(std::move(deskId)), m_actor(std::move(actor)),
      m_table(std::move(table)), m_operation(std::move(operation)), m_importId(std::move(importId))
{
}

BulkCreate::~BulkCreate()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    if (m_indexAfter >= 0 && !m_finished) {
        // Not finished (an error): the caller rolls back; never leave the index switched off.
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'search_index_deferred'"));
    }
}

Status BulkCreate::add(const QString &id, const QVariantMap &values)
{
    if (m_deskSeq < 0) {
        if (!WritePath::isSyncedTable(m_table))
            return Error::make(ErrorKind::Internal, QStringLiteral("write.table"),
                               QStringLiteral("not a synced table: ") + m_table);
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
                                   "WHERE key = 'desk_seq'), 0)"))
            || !q.next())
            return storageError(QStringLiteral("desk_seq"), q.lastError().text());
        m_deskSeq = q.value(0).toLongLong();
        q.finish();
        if (m_table == u"subscriber") {
            if (!q.exec(QStringLiteral("SELECT coalesce(max(seq), 0) FROM subscriber"))
                || !q.next())
                return storageError(QStringLiteral("subscriber"), q.lastError().text());
            m_indexAfter = q.value(0).toLongLong();
            q.finish();
            q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) "
                                     "VALUES ('search_index_deferred', ?)"));
            q.addBindValue(QString::number(m_indexAfter));
            if (!q.exec())
                return storageError(QStringLiteral("meta"), q.lastError().text());
        }
        m_columns = values.keys();
        for (const QString &c : std::as_const(m_columns))
            if (!isIdentifier(c) || kReservedColumns.contains(c))
                return Error::make(ErrorKind::Internal, QStringLiteral("write.column"),
                                   QStringLiteral("column not writable: ") + c);
    }
    if (values.keys() != m_columns)
        return Error::make(ErrorKind::Internal, QStringLiteral("write.columns"),
                           QStringLiteral("rows of one bulk write must have the same columns"));
    const QString now = nowUtcIso();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_rowValues << it.value();
    m_rowValues << id << now << m_actor.clerk;
    const QString opId = newUuid();
    const QString fields = rowJson(values);
    static const QString base = toJson({});
    m_auditValues << now << m_actor.clerk << m_deskId << contactChannelCode(m_actor.channel)
                  << m_table << id << m_operation << base << fields << opId;
    ++m_deskSeq;
    m_outboxValues << m_deskSeq << opId << m_deskId << m_operation << m_table << id << fields
                   << base << m_actor.clerk << now << WritePath::operationSchemaVersion()
                   << (m_importId.isEmpty() ? QVariant() : QVariant(m_importId));
    if (++m_pending == Batch)
        return flush();
    return Ok{};
}

Status BulkCreate::finish()
{
    if (m_deskSeq < 0)
        return Ok{}; // nothing was added
    if (Status st = flush(); !st)
        return st;
    QSqlQuery q(m_db);
    if (m_indexAfter >= 0) {
        q.prepare(Migrations::indexSubscribersAfterSql());
        q.addBindValue(m_indexAfter);
        if (!q.exec())
            return storageError(QStringLiteral("search index"), q.lastError().text());
        if (!q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'search_index_deferred'")))
            return storageError(QStringLiteral("meta"), q.lastError().text());
    }
    m_finished = true;
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES ('desk_seq', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(QString::number(m_deskSeq));
    if (!q.exec())
        return storageError(QStringLiteral("desk_seq"), q.lastError().text());
    return Ok{};
}

Status BulkCreate::flush()
{
    if (m_pending == 0)
        return Ok{};
    QStringList rowColumns = m_columns;
    rowColumns << QStringLiteral("id") << QStringLiteral("updated_at")
               << QStringLiteral("updated_by");
    static const QString auditColumns = QStringLiteral(
        "at, clerk, desk_id, channel, entity, entity_id, operation, old_values, new_values, op_id");
    static const QString outboxColumns = QStringLiteral(
        "seq, op_id, desk_id, operation, entity, entity_id, fields, base, clerk, at, "
        "schema_version, import_id");
    if (!handle())
        return Error::make(ErrorKind::Internal, QStringLiteral("write.driver"),
                           QStringLiteral("the database connection is not SQLite"));
    if (Status r = insert(m_table, rowColumns.join(u','), int(rowColumns.size()), m_rowValues); !r)
        return r;
    if (Status r = insert(QStringLiteral("audit"), auditColumns, 10, m_auditValues); !r)
        return r;
    if (Status r = insert(QStringLiteral("outbox"), outboxColumns, 12, m_outboxValues); !r)
        return r;
    m_rowValues.clear();
    m_auditValues.clear();
    m_outboxValues.clear();
    m_pending = 0;
    return Ok{};
}

// "INSERT INTO t (cols) VALUES (?,..),(?,..)" for the pending rows, prepared once per size and
// bound through SQLite itself: QSqlQuery's positional binding formats and hashes a placeholder name
// for every value, which cost as much as the inserts. Same connection, same transaction.
Status BulkCreate::insert(const QString &table, const QString &columns, int count,
                          const QVariantList &values)
{
    const QString key = table + u'/' + QString::number(m_pending);
    sqlite3_stmt *stmt = m_statements.value(key);
    if (!stmt) {
        QStringList marks;
        marks.fill(QStringLiteral("?"), count);
        const QString one = u'(' + marks.join(u',') + u')';
        QStringList all;
        all.fill(one, m_pending);
        const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                                   .arg(table, columns, all.join(u','))
                                   .toUtf8();
        if (sqlite3_prepare_v2(handle(), sql.constData(), int(sql.size()), &stmt, nullptr)
            != SQLITE_OK)
            return storageError(table, QString::fromUtf8(sqlite3_errmsg(handle())));
        m_statements.insert(key, stmt);
    }
    int index = 1;
    for (const QVariant &v : values) {
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(stmt, index);
        } else if (v.typeId() == QMetaType::QString) {
            const QString text = v.toString();
            rc = sqlite3_bind_text16(stmt, index, text.utf16(), int(text.size() * 2),
                                     SQLITE_TRANSIENT);
        } else {
            rc = sqlite3_bind_int64(stmt, index, v.toLongLong());
        }
        if (rc != SQLITE_OK)
            return storageError(table, QString::fromUtf8(sqlite3_errmsg(handle())));
        ++index;
    }
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return storageError(table, QString::fromUtf8(sqlite3_errmsg(handle())));
    return Ok{};
}

sqlite3 *BulkCreate::handle()
{
    if (!m_handle) {
        const QVariant h = m_db.driver()->handle();
        if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(h.constData());
    }
    return m_handle;
}

} // namespace Relais
