#pragma once
// Per-table checksums that prove a desk and the server hold the same data (DESIGN.md, Sync).
//
// Compared per table: the row's id and the table's writable protocol columns (schema.cpp, `deleted`
// included, tombstones included) minus `publisher_id`, which differs by design (a desk that never
// synced has a local publisher id; the server stores its own). rev, updated_at and updated_by are
// left out: they describe how a row got there, not what it holds.
//
// The digest is SHA-256 over one line per row, rows in ascending byte order of their id:
//     ["<id>",v1,v2,...]\n
// a compact JSON array with the columns in schema order, each value in one canonical form decided
// by the column's type, not by what a database driver returned: null; a whole number (integer
// columns: 12, never "12" or 12.0); or a JSON string (text columns, UTF-8, the escapes of
// JsonText::appendString). SQLite and PostgreSQL thus give the same bytes for the same data.
// An empty table gives the digest of nothing (e3b0c442...).

#include "schema.h"

#include <QCryptographicHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace Relais::Protocol {

// The checksum of one synced table.
struct TableSum
{
    QString table;
    qint64 rows = 0;
    QString sha256; // hex, lower case
    friend bool operator==(const TableSum &, const TableSum &) = default;
};

// The tables compared: every synced table but `publisher` (the server's own row), in schema order.
QList<const Table *> checksumTables();
// The columns compared for `table`, in schema order (id not included).
QStringList checksumColumns(const Table &table);

class TableChecksum final
{
public:
    explicit TableChecksum(const Table &table);

    // Feeds one row; `values` maps column -> value (missing columns count as null). Rows must come
    // in ascending id order (byte order: ORDER BY id in SQLite, COLLATE "C" in PostgreSQL).
    void addRow(const QString &id, const QVariantMap &values);
    // The same, with the values in checksumColumns() order (a query's columns, no map per row).
    void addRow(const QString &id, const QVariantList &values);
    // The same, from a reader that wrote the row's canonical line itself (`["<id>",v1,...]\n`,
    // as addRow would have made it) and gives the id in UTF-8: the server's SQLite reader, which
    // makes no QVariant per value.
    void addCanonicalLine(QByteArrayView idUtf8, QByteArrayView line);
    // The column types, in checksumColumns() order, for such a reader.
    const QList<ColumnType> &types() const { return m_types; }

    qint64 rows() const { return m_rows; }
    // False when a row came with an id not above the previous one: the digest is then meaningless.
    bool inOrder() const { return m_inOrder; }
    // Call once every row was added: the hash is finished then, and later rows are not counted.
    QString sha256Hex() const;
    TableSum sum() const;

private:
    void addLine(const QString &id, const QVariant *values, qsizetype count);

    const Table *m_table;
    QList<ColumnType> m_types; // of the compared columns
    QStringList m_columns;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_line;
    QByteArray m_lastId;
    qint64 m_rows = 0;
    bool m_inOrder = true;
};

// The canonical text of one value of a column of type `type` (see above).
void appendCanonicalValue(QByteArray &out, ColumnType type, const QVariant &v);

} // namespace Relais::Protocol
