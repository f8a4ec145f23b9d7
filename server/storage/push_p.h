#pragma once
// Inside the push (push.cpp, pushwrites.cpp): what a push holds while it applies, and the helpers
// on rows both files use. Not part of the store's interface.

#include "sqlserverstore_p.h"

#include <QHash>
#include <QSet>

namespace Relais::Server {

namespace detail {

// Columns the server computes from others: a subscriber's sort key comes from its name. A desk's
// value is ignored (two desks changing the first and the last name would otherwise conflict on
// it), and the key is computed from the row after the change.
bool derivedColumn(const Protocol::Table &table, const QString &column);
void deriveColumns(const Protocol::Table &table, QVariantMap *row, QStringList *changed,
                   bool create);
bool sameValue(const QVariant &a, const QVariant &b);
// Which table a reference column points to.
QString referencedTable(const QString &column);
QVariant normalized(const Protocol::Column &c, const QVariant &v);

// Statements that depend only on the table, built once.
struct TableSql
{
    QString load;     // SELECT owner_id, <columns> FROM t WHERE id = ?
    QString loadMany; // SELECT id, owner_id, <columns> FROM t WHERE id IN (%1)
    QString
        insert; // INSERT INTO t (id, owner_id, <columns>, rev, updated_at, updated_by) VALUES (...)
    QStringList insertColumns;
};
const TableSql &sqlFor(const Protocol::Table &table);

// The column a live row must hold a value of alone within its publisher, or empty.
QString uniqueColumnOf(const QString &table);
// That value, as "table/value", or empty (no such column, or a deleted row).
QString uniqueKeyOf(const Protocol::Table &table, const QVariantMap &row);

extern const QStringList kChangeLogColumns;
extern const QStringList kOpsColumns;
inline constexpr int kInsertChunk = 200;

} // namespace detail

struct SqlServerStore::PushContext
{
    PushContext(const Caller &c, QString desk, qint64 last, QString at)
        : caller(c), deskId(std::move(desk)), lastGlobal(last), now(std::move(at))
    {
    }
    const Caller &caller;
    QString deskId;
    qint64 lastGlobal = 0; // read under the lock; numbers are handed out from here in memory
    bool advanced = false;
    QString now;
    QList<QVariantList> changeRows; // change_log rows, written at the end of the push
    // Rows the push reads and writes, fetched in bulk before it starts and kept current as it
    // applies (key: "table/id"): one query per table instead of one per update.
    QHash<QString, Current> rows;

    // Writes held back to be sent many rows per statement (on PostgreSQL each statement is a round
    // trip). Creates are held back only when the push knows beforehand that they cannot collide:
    // their ids and unique codes/numbers were looked up in bulk before the push started.
    QHash<QString, QList<QVariantList>>
        pendingInserts; // table -> rows, in sqlFor().insertColumns order
    struct UpdateGroup
    {
        QString table;
        QStringList columns;      // changed columns, then rev, updated_at, updated_by
        QList<QVariantList> rows; // id, then the values of `columns`
    };
    QList<UpdateGroup> pendingUpdates;
    QHash<QString, int> updateGroupIndex; // "table|columns" -> index in pendingUpdates
    QSet<QString> pendingUpdateRows;      // "table/id" with an update held back
    QSet<QString> takenIds;  // "table/id" that existed before the push (ids of its creates only)
    QSet<QString> takenKeys; // "table/value" codes and numbers of live rows before the push
    QSet<QString> batchIds, batchKeys; // created by this push
    QSet<QString>
        unsafeTables; // an update changed a code, a number or a deletion here: no holding back
    // Number leases: the blocks holding a number a create of this push claims, and whether the
    // pushing desk holds any block at all (see checkLeasedNumber()).
    bool checkLeases = true;
    struct Block
    {
        qint64 first = 0, last = 0;
        QString deskId;
    };
    QList<Block> blocks;
    bool deskHasLease = false;
    bool hasPending() const { return !pendingInserts.isEmpty() || !pendingUpdates.isEmpty(); }
};

} // namespace Relais::Server
