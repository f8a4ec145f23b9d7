#pragma once
// The server's backup file (docs/server.md, "The backup file"): one JSON line per table header and
// per row, checksums per table in the last line. Read by the backup's own check, by verify and by
// restore. Not part of the store's interface.

#include "sqlserverstore_p.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Relais::Server::backupfile {

using namespace Protocol;
using detail::tr;

inline constexpr int BackupFormatVersion = 1;
inline constexpr int BackupPage = 5000;
inline const QByteArray kBackupFormat = "relais-server-backup";

// What a backup holds, in the order it is written and read back: each table with the columns that
// order its rows (keyset paging, so that PostgreSQL never returns a whole table at once). Sessions
// and login throttles are left out: a restore never brings back a token.
struct BackupTable
{
    QString name;
    QStringList key;
};

inline const QList<BackupTable> &backupTables()
{
    static const QList<BackupTable> tables = [] {
        QList<BackupTable> t{{QStringLiteral("meta"), {QStringLiteral("key")}},
                             {QStringLiteral("global_seq"), {QStringLiteral("id")}}};
        for (const Table &s : syncedTables())
            t << BackupTable{s.name, {QStringLiteral("id")}};
        t << BackupTable{QStringLiteral("users"), {QStringLiteral("id")}}
          << BackupTable{QStringLiteral("desks"), {QStringLiteral("id")}}
          << BackupTable{QStringLiteral("ops"), {QStringLiteral("desk_id"), QStringLiteral("seq")}}
          << BackupTable{QStringLiteral("change_log"), {QStringLiteral("seq")}}
          << BackupTable{QStringLiteral("number_leases"), {QStringLiteral("owner_id"), QStringLiteral("first_number")}};
        return t;
    }();
    return tables;
}

inline Error badBackup(const QString &path, qint64 line, const QString &why)
{
    return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::BadFile),
                       line > 0 ? tr("%1, line %2: %3").arg(path).arg(line).arg(why) : tr("%1: %2").arg(path, why));
}

inline QVariant fromJson(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QVariant();
    if (v.isDouble())
        return QVariant(qint64(v.toDouble()));
    return QVariant(v.toString());
}

// A backup file read line by line, with each table's checksum recomputed as it goes.
class BackupReader
{
public:
    explicit BackupReader(QString path) : m_path(std::move(path)), m_file(m_path) {}

    Status open()
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return badBackup(m_path, 0, tr("cannot read it: %1").arg(m_file.errorString()));
        m_fileHash.reset();
        QJsonObject header;
        if (Status s = nextObject(header); !s)
            return s;
        if (header.value(QStringLiteral("format")).toString().toLatin1() != kBackupFormat)
            return badBackup(m_path, 1, tr("this is not a Relais server backup"));
        if (header.value(QStringLiteral("version")).toInt() > BackupFormatVersion)
            return badBackup(m_path, 1, tr("written by a newer relais-server (format %1)")
                                            .arg(header.value(QStringLiteral("version")).toInt()));
        m_header = header;
        return Ok{};
    }
    const QJsonObject &header() const { return m_header; }
    qint64 line() const { return m_line; }

    // The next item: a table start (table set, row empty), a row (row set) or the end (atEnd).
    struct Item
    {
        bool atEnd = false;
        QString table;       // set on a table start
        QStringList columns; // set on a table start
        QJsonArray row;
    };
    // With parseRows false a row is only counted and hashed (enough to verify the file: the
    // checksums prove every byte is what was written).
    Status next(Item &item, bool parseRows = true)
    {
        item = Item{};
        const QByteArray bytes = m_file.readLine();
        ++m_line;
        if (bytes.isEmpty() || !bytes.endsWith('\n'))
            return badBackup(m_path, m_line, tr("the file ends early (truncated)"));
        m_fileHash.addData(bytes);
        if (bytes.startsWith('[')) {
            if (m_table.isEmpty())
                return badBackup(m_path, m_line, tr("a row before any table"));
            if (!parseRows) {
                m_tableHash.addData(bytes);
                ++m_rows;
                return Ok{};
            }
            QJsonParseError e{};
            const QJsonDocument doc = QJsonDocument::fromJson(bytes, &e);
            if (e.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != m_columns.size())
                return badBackup(m_path, m_line, tr("a damaged row of table %1").arg(m_table));
            m_tableHash.addData(bytes);
            ++m_rows;
            item.row = doc.array();
            return Ok{};
        }
        if (Status s = closeTable(); !s)
            return s;
        QJsonParseError e{};
        const QJsonObject o = QJsonDocument::fromJson(bytes, &e).object();
        if (e.error != QJsonParseError::NoError)
            return badBackup(m_path, m_line, tr("not JSON"));
        if (o.value(QStringLiteral("end")).toBool()) {
            m_trailer = o;
            item.atEnd = true;
            return checkTrailer();
        }
        m_table = o.value(QStringLiteral("table")).toString();
        m_columns.clear();
        for (const QJsonValue &c : o.value(QStringLiteral("columns")).toArray())
            m_columns << c.toString();
        if (m_table.isEmpty() || m_columns.isEmpty() || m_counts.contains(m_table))
            return badBackup(m_path, m_line, tr("a damaged table header"));
        m_tableHash.reset();
        m_rows = 0;
        item.table = m_table;
        item.columns = m_columns;
        return Ok{};
    }
    QString fileSha256() const { return QString::fromLatin1(m_fileHash.result().toHex()); }
    const QHash<QString, qint64> &counts() const { return m_counts; }

private:
    Status nextObject(QJsonObject &o)
    {
        const QByteArray bytes = m_file.readLine();
        ++m_line;
        m_fileHash.addData(bytes);
        QJsonParseError e{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject())
            return badBackup(m_path, m_line, tr("this is not a Relais server backup"));
        o = doc.object();
        return Ok{};
    }
    Status closeTable()
    {
        if (m_table.isEmpty())
            return Ok{};
        m_counts.insert(m_table, m_rows);
        m_hashes.insert(m_table, QString::fromLatin1(m_tableHash.result().toHex()));
        m_table.clear();
        return Ok{};
    }
    Status checkTrailer()
    {
        const QJsonObject tables = m_trailer.value(QStringLiteral("tables")).toObject();
        if (tables.size() != m_counts.size())
            return badBackup(m_path, m_line, tr("the list of tables does not match the file"));
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
            const QJsonObject t = tables.value(it.key()).toObject();
            if (qint64(t.value(QStringLiteral("rows")).toDouble(-1)) != it.value()
                || t.value(QStringLiteral("sha256")).toString() != m_hashes.value(it.key()))
                return badBackup(m_path, m_line, tr("table %1 does not match its checksum").arg(it.key()));
        }
        if (!m_file.atEnd())
            return badBackup(m_path, m_line, tr("there is more after the end"));
        return Ok{};
    }

    QString m_path;
    QFile m_file;
    qint64 m_line = 0;
    QJsonObject m_header, m_trailer;
    QString m_table;
    QStringList m_columns;
    qint64 m_rows = 0;
    QCryptographicHash m_tableHash{QCryptographicHash::Sha256};
    QCryptographicHash m_fileHash{QCryptographicHash::Sha256};
    QHash<QString, qint64> m_counts;
    QHash<QString, QString> m_hashes;
};

// Reads a whole backup once, checking every table against its checksum; nothing else.
inline Result<QJsonObject> verifyBackupFile(const QString &path, QString *sha256 = nullptr, qint64 *rows = nullptr,
                                           QHash<QString, qint64> *tableRows = nullptr)
{
    BackupReader reader(path);
    if (Status s = reader.open(); !s)
        return s.error();
    BackupReader::Item item;
    do {
        if (Status s = reader.next(item, false); !s)
            return s.error();
    } while (!item.atEnd);
    if (sha256)
        *sha256 = reader.fileSha256();
    if (rows) {
        *rows = 0;
        for (qint64 n : reader.counts())
            *rows += n;
    }
    if (tableRows)
        *tableRows = reader.counts();
    return reader.header();
}

} // namespace Relais::Server::backupfile
