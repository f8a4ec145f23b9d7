#pragma once
// The synced tables as the wire sees them: each table's writable columns with their JSON type.
// The desk's migrations (models/migrations.cpp, kStep1) and the server's schema both follow this
// list; a push operation naming a column that is not here is malformed.

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace Relais::Protocol {

enum class ColumnType { Text, Integer };

struct Column
{
    QString name;
    ColumnType type = ColumnType::Text;
    bool nullable = false;
    // NOT NULL without a default: a create must give it.
    bool required = false;
    QVariant defaultValue; // used on create when the operation leaves the column out
};

struct Table
{
    QString name;
    QList<Column> columns; // writable columns, `deleted` included
    // The column naming the parent row that decides which publisher owns a row
    // (publication, subscriber: publisher_id itself; others: their parent's id).
    QString ownerColumn;
    QString ownerTable; // table the owner column points to ("publisher" for top-level rows)
};

// Tables in dependency order (a parent before its children): publisher, publication, offer,
// subscriber, subscription, delivery_change, complaint.
const QList<Table> &syncedTables();
const Table *tableByName(const QString &name);
const Column *columnOf(const Table &table, const QString &column);

// Columns every synced row carries besides the writable ones.
QStringList metaColumns(); // id, rev, deleted, updated_at, updated_by

} // namespace Relais::Protocol
