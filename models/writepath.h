#pragma once
// The one way a synced row changes on a desk: the row, its audit entry and its outbox operation are
// written together inside the caller's transaction, so the outbox never gets out of step with the
// data. Only fields whose value changes are written, audited and sent, each with the base value it
// replaced (the server's field-level conflict check compares against it).

#include "domain.h"
#include "formats.h" // nowUtcIso(), which the write path stamps its rows with
#include "result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QVariantMap>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

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
    QString operation;  // business operation, e.g. "subscriber.update", "subscription.cancel"
    QString table;      // one of the synced tables
    QString id;         // the row's UUID
    QVariantMap values; // column -> new value (TEXT, INTEGER or null)
    // Update only: the values the clerk had in front of them when the edit began, for at least the
    // columns of `values`. Given, a column is written, audited and sent only when its new value
    // differs from this base, and the operation carries this base, not the row as it is at commit:
    // a change pulled from the server in between is neither undone on the desk nor hidden from the
    // server's field-by-field conflict check. Without it the base is the row as the transaction
    // reads it (for changes that no clerk saw first, e.g. a complaint's extension computed now).
    std::optional<QVariantMap> base = std::nullopt;
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
    Result<QVariantMap> currentRow(const QString &table, const QString &id,
                                   const QStringList &columns);
    Result<qint64> nextDeskSeq();

    QSqlDatabase m_db;
    QString m_deskId;
    Actor m_actor;
};

// Creates many rows of one table inside the caller's transaction, exactly as WritePath::apply does
// for a Create (the row, its audit entry, its outbox operation with the next desk sequence number),
// but many rows per statement: one row per statement makes the subscriber table's search-index
// trigger open a statement savepoint per row, and FTS5 flushes its pending index data at every
// savepoint, so a bulk import would write one tiny index segment per row.
class BulkCreate final
{
public:
    static constexpr int Batch = 200; // 200 rows x 22 columns stays far below 32,766 variables

    // `importId`, when given, marks every outbox operation written (outbox.import_id), so that an
    // import committed in chunks can be taken back whole (ImportGuard).
    BulkCreate(QSqlDatabase db, QString deskId, Actor actor, QString table, QString operation,
               QString importId = QString());
    ~BulkCreate();
    BulkCreate(const BulkCreate &) = delete;
    BulkCreate &operator=(const BulkCreate &) = delete;

    // Every row of one BulkCreate has the same columns (those of the first).
    Status add(const QString &id, const QVariantMap &values);
    int pending() const { return m_pending; } // rows not yet in the database
    // Writes what is pending, indexes new subscribers for search in one statement, and records the
    // desk sequence; the caller then commits (or rolls back, and nothing of it stays).
    Status finish();

private:
    Status flush();
    Status insert(const QString &table, const QString &columns, int count,
                  const QVariantList &values);
    sqlite3 *handle();

    QSqlDatabase m_db;
    QString m_deskId;
    Actor m_actor;
    QString m_table;
    QString m_operation;
    QString m_importId;
    QStringList m_columns;
    QHash<QString, sqlite3_stmt *> m_statements;
    sqlite3 *m_handle = nullptr;
    QVariantList m_rowValues;
    QVariantList m_auditValues;
    QVariantList m_outboxValues;
    int m_pending = 0;
    qint64 m_deskSeq = -1;
    qint64 m_indexAfter = -1; // subscriber: search indexing deferred for rows above this seq
    bool m_finished = false;
};

// A null value (a null QVariant, or a null QString: a cleared date, say) is JSON null, never "":
// the server must tell "cleared" from "set to empty text".
QString toJson(const QVariantMap &map);
// toJson() without a QJsonObject (a fifth of a bulk import's time): byte for byte what
// QJsonDocument writes in compact form for a map of ASCII keys to strings, integers and nulls;
// anything else goes through toJson() itself.
QString rowJson(const QVariantMap &values);
QVariantMap fromJson(const QString &json);
// True for what SQLite stores as NULL: an invalid or null QVariant, a null QString or QByteArray.
bool isNullValue(const QVariant &v);

} // namespace Relais
