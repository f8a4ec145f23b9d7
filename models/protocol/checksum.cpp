#include "checksum.h"

#include "protocol.h"

namespace Relais::Protocol {

QList<const Table *> checksumTables()
{
    QList<const Table *> tables;
    for (const Table &t : syncedTables())
        if (t.name != u"publisher")
            tables << &t;
    return tables;
}

QStringList checksumColumns(const Table &table)
{
    QStringList columns;
    for (const Column &c : table.columns)
        if (c.name != u"publisher_id")
            columns << c.name;
    return columns;
}

void appendCanonicalValue(QByteArray &out, ColumnType type, const QVariant &v)
{
    if (!v.isValid() || v.isNull()) {
        out += "null";
        return;
    }
    if (type == ColumnType::Integer) {
        // Whatever the driver returned (qlonglong, int, a numeric string from a text affinity),
        // an integer column is written as the number it holds.
        out += QByteArray::number(v.toLongLong());
        return;
    }
    JsonText::appendString(out, v.toString());
}

TableChecksum::TableChecksum(const Table &table)
    : m_table(&table), m_columns(checksumColumns(table))
{
    for (const QString &c : m_columns)
        m_types << columnOf(table, c)->type;
    m_line.reserve(1024);
}

void TableChecksum::addRow(const QString &id, const QVariantMap &values)
{
    QVariantList list;
    list.reserve(m_columns.size());
    for (const QString &c : m_columns)
        list << values.value(c);
    addLine(id, list.constData(), list.size());
}

void TableChecksum::addRow(const QString &id, const QVariantList &values)
{
    addLine(id, values.constData(), values.size());
}

void TableChecksum::addLine(const QString &id, const QVariant *values, qsizetype count)
{
    const QByteArray idBytes = id.toUtf8();
    // Byte order of the UTF-8 ids, the order both engines give with a binary collation.
    if (m_rows > 0 && !(m_lastId < idBytes))
        m_inOrder = false;
    m_lastId = idBytes;
    m_line.clear();
    m_line += '[';
    JsonText::appendString(m_line, id);
    for (qsizetype i = 0; i < m_types.size(); ++i) {
        m_line += ',';
        appendCanonicalValue(m_line, m_types.at(i), i < count ? values[i] : QVariant());
    }
    m_line += "]\n";
    m_hash.addData(m_line);
    ++m_rows;
}

void TableChecksum::addCanonicalLine(QByteArrayView idUtf8, QByteArrayView line)
{
    if (m_rows > 0 && !(QByteArrayView(m_lastId) < idUtf8))
        m_inOrder = false;
    m_lastId.truncate(0); // keeps its buffer: no allocation per row
    m_lastId.append(idUtf8.data(), idUtf8.size());
    m_hash.addData(line);
    ++m_rows;
}

QString TableChecksum::sha256Hex() const
{
    return QString::fromLatin1(m_hash.resultView().toByteArray().toHex());
}

TableSum TableChecksum::sum() const
{
    return TableSum{m_table->name, m_rows, sha256Hex()};
}

} // namespace Relais::Protocol
