// Backups, restores, bulk imports and reseeds of the SQL store (DESIGN.md, "Sync": every server
// database has an epoch, new after every restore; an admin can reseed an empty server from a
// desk's full copy). See docs/server.md for the operator's side.

#include "sqlserverstore_p.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlRecord>

namespace Relais::Server {

using namespace Protocol;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

namespace {

constexpr int BackupFormatVersion = 1;
constexpr int BackupPage = 5000;
const QByteArray kBackupFormat = "relais-server-backup";

// What a backup holds, in the order it is written and read back: each table with the columns that
// order its rows (keyset paging, so that PostgreSQL never returns a whole table at once). Sessions
// and login throttles are left out: a restore never brings back a token.
struct BackupTable
{
    QString name;
    QStringList key;
};

const QList<BackupTable> &backupTables()
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

Error badBackup(const QString &path, qint64 line, const QString &why)
{
    return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::BadFile),
                       line > 0 ? tr("%1, line %2: %3").arg(path).arg(line).arg(why) : tr("%1: %2").arg(path, why));
}

QVariant fromJson(const QJsonValue &v)
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
Result<QJsonObject> verifyBackupFile(const QString &path, QString *sha256 = nullptr, qint64 *rows = nullptr)
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
    return reader.header();
}

} // namespace

// ---- backup ------------------------------------------------------------------------------------

namespace {
// For a backup of one publisher: the rows of `table` that belong to it (empty: all of them).
QString publisherFilter(const QString &table)
{
    if (table == u"meta") // the epoch and schema; not who restored what and when
        return QStringLiteral("key IN ('epoch', 'epoch_start', 'schema_version', 'created_at')");
    if (table == u"global_seq")
        return QString();
    if (table == u"users")
        return QStringLiteral("publisher_id = ?");
    if (table == u"ops")
        return QStringLiteral("desk_id IN (SELECT id FROM desks WHERE owner_id = ?)");
    return QStringLiteral("owner_id = ?");
}
} // namespace

Result<BackupInfo> SqlServerStore::backup(const QString &path, const QString &createdBy, const QString &publisherId)
{
    BackupInfo info;
    info.publisherId = publisherId;
    info.path = QFileInfo(path).absoluteFilePath();
    info.name = QFileInfo(path).fileName();
    info.createdBy = createdBy;
    info.createdAt = isoUtc(QDateTime::currentDateTimeUtc());
    if (QFileInfo::exists(path))
        return Error::make(ErrorKind::Conflict, QStringLiteral("backup.exists"),
                           tr("%1 already exists; a backup never overwrites a file.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"),
                           tr("Cannot write %1: %2").arg(path, file.errorString()));
    QCryptographicHash fileHash(QCryptographicHash::Sha256);
    const auto write = [&](const QByteArray &bytes) {
        fileHash.addData(bytes);
        return file.write(bytes) == bytes.size();
    };
    QHash<QString, qint64> deskSeqs; // desk -> last_seq, as backed up
    QByteArray trailer = "{\"end\":true,\"tables\":{";
    {
        // One snapshot for the whole file: rows, head and epoch agree.
        Tx tx(*this, beginReadSql());
        if (!tx.isOpen())
            return tx.error();
        auto ep = epoch();
        if (!ep)
            return ep.error();
        auto h = head();
        if (!h)
            return h.error();
        info.epoch = *ep;
        info.head = *h;
        QByteArray header = "{\"format\":\"" + kBackupFormat + "\",\"version\":" + QByteArray::number(BackupFormatVersion)
                            + ",\"engine\":";
        JsonText::appendString(header, engine());
        header += ",\"epoch\":";
        JsonText::appendString(header, info.epoch);
        header += ",\"head\":" + QByteArray::number(info.head) + ",\"created_at\":";
        JsonText::appendString(header, info.createdAt);
        header += ",\"created_by\":";
        JsonText::appendString(header, createdBy);
        if (!publisherId.isEmpty()) {
            header += ",\"publisher_id\":";
            JsonText::appendString(header, publisherId);
        }
        header += "}\n";
        if (!write(header))
            return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"), file.errorString());

        bool firstTable = true;
        for (const BackupTable &t : backupTables()) {
            const QSqlRecord record = m_db.record(t.name);
            QStringList columns;
            for (int i = 0; i < record.count(); ++i)
                columns << record.fieldName(i);
            if (columns.isEmpty())
                return Error::make(ErrorKind::Storage, QStringLiteral("backup.schema"),
                                   tr("Table %1 is missing from the database.").arg(t.name));
            QByteArray th = "{\"table\":";
            JsonText::appendString(th, t.name);
            th += ",\"columns\":[";
            for (int i = 0; i < columns.size(); ++i) {
                if (i > 0)
                    th += ',';
                JsonText::appendString(th, columns.at(i));
            }
            th += "]}\n";
            if (!write(th))
                return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"), file.errorString());
            const int idIndex = int(columns.indexOf(QStringLiteral("id")));
            const int lastSeqIndex = int(columns.indexOf(QStringLiteral("last_seq")));
            QList<int> keyIndex;
            for (const QString &k : t.key)
                keyIndex << int(columns.indexOf(k));

            QCryptographicHash tableHash(QCryptographicHash::Sha256);
            qint64 rows = 0;
            QVariantList after;
            const QString keyList = t.key.join(u',');
            const QString filter = publisherId.isEmpty() ? QString() : publisherFilter(t.name);
            for (;;) {
                QStringList where;
                QVariantList values;
                if (!filter.isEmpty()) {
                    where << filter;
                    if (filter.contains(u'?'))
                        values << publisherId;
                }
                if (!after.isEmpty()) {
                    where << (t.key.size() == 1 ? QStringLiteral("%1 > ?").arg(keyList)
                                                : QStringLiteral("(%1) > (%2)").arg(keyList, placeholders(t.key.size())));
                    values << after;
                }
                QString sql = QStringLiteral("SELECT %1 FROM %2").arg(columns.join(u','), t.name);
                if (!where.isEmpty())
                    sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
                sql += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(keyList).arg(BackupPage);
                auto q = run(sql, values);
                if (!q)
                    return q.error();
                int pageRows = 0;
                QByteArray out;
                out.reserve(BackupPage * 256);
                while ((*q)->next()) {
                    ++pageRows;
                    QByteArray line = "[";
                    for (int i = 0; i < columns.size(); ++i) {
                        if (i > 0)
                            line += ',';
                        JsonText::appendValue(line, (*q)->value(i));
                    }
                    line += "]\n";
                    tableHash.addData(line);
                    out += line;
                    if (t.name == u"desks" && idIndex >= 0 && lastSeqIndex >= 0)
                        deskSeqs.insert((*q)->value(idIndex).toString(), (*q)->value(lastSeqIndex).toLongLong());
                    after.clear();
                    for (int k : keyIndex)
                        after << (*q)->value(k);
                }
                (*q)->finish();
                rows += pageRows;
                if (!write(out))
                    return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"), file.errorString());
                if (pageRows < BackupPage)
                    break;
            }
            if (!firstTable)
                trailer += ',';
            firstTable = false;
            JsonText::appendString(trailer, t.name);
            trailer += ":{\"rows\":" + QByteArray::number(rows) + ",\"sha256\":\"" + tableHash.result().toHex() + "\"}";
            info.rows += rows;
        }
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    trailer += "}}\n";
    if (!write(trailer))
        return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"), file.errorString());
    // QSaveFile writes to a temporary file, syncs it to disk and renames it: no half backup ever
    // carries the final name.
    if (!file.commit())
        return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"),
                           tr("Cannot write %1: %2").arg(path, file.errorString()));
    info.sha256 = QString::fromLatin1(fileHash.result().toHex());
    info.bytes = QFileInfo(path).size();

    // Verified = read back from the disk and every table matches its checksum.
    QString readBack;
    qint64 rowsBack = 0;
    auto verified = verifyBackupFile(path, &readBack, &rowsBack);
    if (!verified || readBack != info.sha256 || rowsBack != info.rows) {
        // Not a backup anyone should restore from: it does not stay under a backup's name.
        QFile::remove(path);
        return verified ? badBackup(path, 0, tr("the file read back differs from what was written")) : verified.error();
    }
    info.verifiedAt = isoUtc(QDateTime::currentDateTimeUtc());

    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    if (Status s = exec(QStringLiteral("INSERT INTO backups (name, path, epoch, head, row_count, bytes, sha256, "
                                       "created_at, created_by, verified_at, publisher_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?, ?, ?) ON CONFLICT (path) DO UPDATE SET name = excluded.name, "
                                       "epoch = excluded.epoch, head = excluded.head, row_count = excluded.row_count, "
                                       "bytes = excluded.bytes, sha256 = excluded.sha256, created_at = excluded.created_at, "
                                       "created_by = excluded.created_by, verified_at = excluded.verified_at, "
                                       "publisher_id = excluded.publisher_id"),
                        {info.name, info.path, info.epoch, info.head, info.rows, info.bytes, info.sha256,
                         info.createdAt, info.createdBy, info.verifiedAt,
                         publisherId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(publisherId)});
        !s)
        return s.error();
    // The desks may now let go of the operations this backup holds, unless a restore started a
    // new epoch meanwhile.
    if (*ep == info.epoch)
        for (auto it = deskSeqs.cbegin(); it != deskSeqs.cend(); ++it)
            if (Status s = exec(QStringLiteral("UPDATE desks SET backup_seq = ? WHERE id = ? AND backup_seq < ?"),
                                {it.value(), it.key(), it.value()});
                !s)
                return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return info;
}

Result<QList<BackupInfo>> SqlServerStore::backups()
{
    auto q = run(QStringLiteral("SELECT name, path, epoch, head, row_count, bytes, sha256, created_at, created_by, "
                                "verified_at, publisher_id FROM backups ORDER BY created_at, name"));
    if (!q)
        return q.error();
    QList<BackupInfo> out;
    while ((*q)->next()) {
        const QSqlQuery &r = **q;
        out << BackupInfo{r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                          r.value(3).toLongLong(), r.value(4).toLongLong(), r.value(5).toLongLong(),
                          r.value(6).toString(), r.value(7).toString(), r.value(8).toString(),
                          r.value(9).toString(), r.value(10).toString()};
    }
    (*q)->finish();
    return out;
}

// ---- restore -----------------------------------------------------------------------------------

Result<RestoreOutcome> SqlServerStore::restore(const QString &path, const QStringList &codes, qint64 numberGap,
                                               const QString &by)
{
    RestoreOutcome out;
    // First the whole file, checked against its checksums: a damaged backup changes nothing.
    auto header = verifyBackupFile(path);
    if (!header)
        return header.error();
    out.backupEpoch = header->value(QStringLiteral("epoch")).toString();
    out.backupHead = qint64(header->value(QStringLiteral("head")).toDouble());

    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto locked = lockGlobalSequence();
    if (!locked)
        return locked.error();
    const qint64 headBefore = *locked;
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());

    BackupReader reader(path);
    if (Status s = reader.open(); !s)
        return s.error();
    BackupReader::Item item;
    QString table;
    QStringList columns;
    int ownerIndex = -1;
    // The publishers to restore (backup id -> code), found in the publisher table of the file.
    QHash<QString, QString> chosen;
    QSet<QString> deskIds; // the backup's desks of those publishers
    // Rows as they stand before the restore: "table/id" -> rev. What is left once the backup's rows
    // were compared is gone in the backup.
    QHash<QString, std::pair<qint64, QString>> before; // rev, owner
    QList<std::pair<QString, QByteArray>> announce; // "table/id", row JSON (empty: tombstone)
    QList<QVariantList> pending;
    QStringList pendingColumns;
    qint64 changeLogExpected = 0;

    const auto flush = [&]() -> Status {
        if (pending.isEmpty())
            return Ok{};
        return flushInserts(table, pendingColumns, pending);
    };
    const auto ownerIdsOf = [&]() {
        QVariantList ids;
        for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
            ids << it.key();
        return ids;
    };

    for (;;) {
        if (Status s = reader.next(item); !s)
            return s.error();
        if (item.atEnd || !item.table.isEmpty()) {
            if (Status s = flush(); !s)
                return s.error();
        }
        if (item.atEnd)
            break;
        if (!item.table.isEmpty()) {
            table = item.table;
            columns = item.columns;
            pendingColumns = columns;
            ownerIndex = int(columns.indexOf(table == u"users" ? QStringLiteral("publisher_id")
                                                                : QStringLiteral("owner_id")));
            const Table *synced = tableByName(table);
            if (synced && table != u"publisher") {
                if (chosen.isEmpty())
                    return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::PublisherMissing),
                                       tr("The backup holds none of the publishers asked for: %1.")
                                           .arg(codes.join(QStringLiteral(", "))));
                // What the publishers hold now, to tell afterwards which rows the restore changes.
                for (const QVariant &owner : ownerIdsOf()) {
                    auto q = run(QStringLiteral("SELECT id, rev FROM %1 WHERE owner_id = ?").arg(table), {owner});
                    if (!q)
                        return q.error();
                    while ((*q)->next())
                        before.insert(table + u'/' + (*q)->value(0).toString(),
                                      std::pair{(*q)->value(1).toLongLong(), owner.toString()});
                    (*q)->finish();
                    if (Status s = exec(QStringLiteral("DELETE FROM %1 WHERE owner_id = ?").arg(table), {owner}); !s)
                        return s.error();
                }
            } else if (table == u"desks") {
                for (const QVariant &owner : ownerIdsOf()) {
                    if (Status s = exec(QStringLiteral("DELETE FROM ops WHERE desk_id IN (SELECT id FROM desks WHERE "
                                                       "owner_id = ?)"),
                                        {owner});
                        !s)
                        return s.error();
                    if (Status s = exec(QStringLiteral("DELETE FROM desks WHERE owner_id = ?"), {owner}); !s)
                        return s.error();
                }
            } else if (table == u"change_log") {
                for (const QVariant &owner : ownerIdsOf())
                    if (Status s = exec(QStringLiteral("DELETE FROM change_log WHERE owner_id = ?"), {owner}); !s)
                        return s.error();
            }
            continue;
        }
        const QJsonArray &row = item.row;
        const auto value = [&](const QString &column) { return fromJson(row.at(columns.indexOf(column))); };
        if (table == u"meta" || table == u"global_seq" || table == u"sessions" || table == u"login_throttle")
            continue;
        if (table == u"publisher") {
            const QString id = value(QStringLiteral("id")).toString();
            const QString code = value(QStringLiteral("code")).toString();
            if (!codes.isEmpty() && !codes.contains(code))
                continue;
            auto q = run(QStringLiteral("SELECT id FROM publisher WHERE code = ?"), {code});
            if (!q)
                return q.error();
            const QString here = (*q)->next() ? (*q)->value(0).toString() : QString();
            (*q)->finish();
            if (!here.isEmpty() && here != id)
                return Error::make(ErrorKind::Conflict, QString::fromUtf16(RestoreError::PublisherMismatch),
                                   tr("Publisher %1 exists here under another identity than in the backup; "
                                      "restore it into a new database (relais-server init) instead.")
                                       .arg(code));
            if (here.isEmpty()) {
                // Numbers leased after the backup are unknown: skip `numberGap` of them.
                QVariantList values;
                for (int i = 0; i < columns.size(); ++i)
                    values << (columns.at(i) == u"number_next" ? QVariant(fromJson(row.at(i)).toLongLong() + numberGap)
                                                               : fromJson(row.at(i)));
                if (Status s = exec(QStringLiteral("INSERT INTO publisher (%1) VALUES (%2)")
                                        .arg(columns.join(u','), placeholders(columns.size())),
                                    values);
                    !s)
                    return s.error();
            } else if (Status s = exec(QStringLiteral("UPDATE publisher SET number_next = ? WHERE id = ? AND "
                                                      "number_next < ?"),
                                       {value(QStringLiteral("number_next")), id, value(QStringLiteral("number_next"))});
                       !s) {
                return s.error();
            }
            chosen.insert(id, code);
            out.publishers << code;
            out.publisherIds << id;
            continue;
        }
        // Only the chosen publishers' rows; an operation belongs to its desk's publisher.
        if (table == u"ops") {
            if (!deskIds.contains(value(QStringLiteral("desk_id")).toString()))
                continue;
        } else if (ownerIndex < 0 || !chosen.contains(fromJson(row.at(ownerIndex)).toString())) {
            continue;
        }
        QVariantList values;
        values.reserve(columns.size());
        for (const QJsonValue &v : row)
            values << fromJson(v);
        if (table == u"users") {
            // Users who exist here keep their account as it is now (password, role, sessions).
            if (Status s = exec(QStringLiteral("INSERT INTO users (%1) VALUES (%2) ON CONFLICT DO NOTHING")
                                    .arg(columns.join(u','), placeholders(columns.size())),
                                values);
                !s)
                return s.error();
            continue;
        }
        if (table == u"number_leases") {
            if (Status s = exec(QStringLiteral("INSERT INTO number_leases (%1) VALUES (%2) ON CONFLICT DO NOTHING")
                                    .arg(columns.join(u','), placeholders(columns.size())),
                                values);
                !s)
                return s.error();
            continue;
        }
        if (table == u"desks") {
            deskIds.insert(value(QStringLiteral("id")).toString());
            // The backup holds every operation up to last_seq, and it was verified.
            const int b = int(columns.indexOf(QStringLiteral("backup_seq")));
            if (b >= 0)
                values[b] = value(QStringLiteral("last_seq"));
        }
        if (table == u"change_log") {
            ++changeLogExpected;
            if (Status s = exec(QStringLiteral("INSERT INTO change_log (%1) VALUES (%2) ON CONFLICT DO NOTHING")
                                    .arg(columns.join(u','), placeholders(columns.size())),
                                values);
                !s)
                return s.error();
            continue;
        }
        if (tableByName(table)) {
            const QString id = value(QStringLiteral("id")).toString();
            const QString key = table + u'/' + id;
            const auto was = before.constFind(key);
            const qint64 rev = value(QStringLiteral("rev")).toLongLong();
            if (was != before.constEnd() && was->first != rev) {
                // The row goes back to an older state: desks must hear of it.
                QByteArray json = "{";
                bool first = true;
                for (int i = 0; i < columns.size(); ++i) {
                    if (columns.at(i) == u"owner_id" || columns.at(i) == u"number_next")
                        continue;
                    if (!first)
                        json += ',';
                    first = false;
                    json += '"' + columns.at(i).toLatin1() + "\":";
                    JsonText::appendValue(json, values.at(i));
                }
                json += '}';
                announce << std::pair{key, json};
            }
            before.remove(key);
            ++out.rows;
        }
        pending << values;
        if (pending.size() >= 500)
            if (Status s = flush(); !s)
                return s.error();
    }
    if (chosen.isEmpty())
        return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::PublisherMissing),
                           tr("The backup holds none of the publishers asked for: %1.")
                               .arg(codes.join(QStringLiteral(", "))));
    for (const QString &code : codes)
        if (!out.publishers.contains(code))
            return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::PublisherMissing),
                               tr("The backup has no publisher %1.").arg(code));

    // The backup's change sequence must fit into this database's: a database that went its own way
    // since (another lineage) would have other rows under the same numbers.
    {
        QVariantList owners = ownerIdsOf();
        auto q = run(QStringLiteral("SELECT count(*) FROM change_log WHERE owner_id IN (%1)")
                         .arg(placeholders(owners.size())),
                     owners);
        if (!q)
            return q.error();
        const qint64 inserted = (*q)->next() ? (*q)->value(0).toLongLong() : 0;
        (*q)->finish();
        if (inserted != changeLogExpected)
            return Error::make(ErrorKind::Conflict, QStringLiteral("restore.lineage"),
                               tr("This database's change sequence does not continue the backup's; restore "
                                  "into a new database (relais-server init) instead."));
    }

    // Rows that exist now but not in the backup are gone: desks get a tombstone.
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        announce << std::pair{it.key(), QByteArray()};
    qint64 seq = qMax(headBefore, out.backupHead);
    out.epochStart = seq;
    QList<QVariantList> changeRows;
    for (const auto &[key, json] : announce) {
        const qsizetype slash = key.indexOf(u'/');
        const QString t = key.left(slash);
        const QString id = key.mid(slash + 1);
        ++seq;
        QByteArray row;
        QString owner;
        if (json.isEmpty()) {
            owner = before.value(key).second;
            row = "{\"id\":";
            JsonText::appendString(row, id);
            row += ",\"deleted\":1,\"rev\":" + QByteArray::number(seq) + ",\"updated_at\":";
            JsonText::appendString(row, now);
            row += ",\"updated_by\":";
            JsonText::appendString(row, QString(QStringLiteral("restore/") + by));
            row += '}';
        } else {
            if (Status s = exec(QStringLiteral("UPDATE %1 SET rev = ? WHERE id = ?").arg(t), {seq, id}); !s)
                return s.error();
            auto q = run(QStringLiteral("SELECT owner_id FROM %1 WHERE id = ?").arg(t), {id});
            if (!q)
                return q.error();
            owner = (*q)->next() ? (*q)->value(0).toString() : QString();
            (*q)->finish();
            // The row as pulled carries the new change number as its rev.
            QJsonObject o = QJsonDocument::fromJson(json).object();
            o.insert(QStringLiteral("rev"), seq);
            row = QJsonDocument(o).toJson(QJsonDocument::Compact);
        }
        changeRows << QVariantList{seq, owner, t, id, QString::fromUtf8(row)};
        ++out.announced;
    }
    const QStringList changeColumns{QStringLiteral("seq"), QStringLiteral("owner_id"), QStringLiteral("entity"),
                                    QStringLiteral("entity_id"), QStringLiteral("row_json")};
    if (Status s = flushInserts(QStringLiteral("change_log"), changeColumns, changeRows); !s)
        return s.error();
    if (Status s = exec(QStringLiteral("UPDATE global_seq SET value = ? WHERE id = 1"), {seq}); !s)
        return s.error();
    out.head = seq;
    out.epoch = newId();
    for (const auto &[k, v] : {std::pair{QStringLiteral("epoch"), out.epoch},
                               std::pair{QStringLiteral("epoch_start"), QString::number(out.epochStart)},
                               std::pair{QStringLiteral("restored_at"), now},
                               std::pair{QStringLiteral("restored_from"), QFileInfo(path).fileName()},
                               std::pair{QStringLiteral("restored_by"), by}})
        if (Status s = exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                                           "SET value = excluded.value"),
                            {k, v});
            !s)
            return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    qCInfo(lcStore).noquote() << "restored" << out.publishers.join(QStringLiteral(", ")) << "from" << path
                              << "backup head" << out.backupHead << "new epoch" << out.epoch;
    return out;
}

// ---- bulk import and reseed --------------------------------------------------------------------

Result<ImportOutcome> SqlServerStore::importRows(const Caller &caller, const ImportRequest &request)
{
    PushRequest push;
    push.deskId = request.importId;
    const QUuid ns(request.importId);
    qint64 seq = 0;
    for (const ImportRow &row : request.rows) {
        PushOperation op;
        op.seq = ++seq;
        op.opId = QUuid::createUuidV5(ns, QString::number(op.seq)).toString(QUuid::WithoutBraces);
        op.operation = row.entity + QStringLiteral(".create");
        op.entity = row.entity;
        op.entityId = row.id;
        op.fields = row.fields;
        op.clerk = request.reseedDeskId.isEmpty() ? QStringLiteral("import") : QStringLiteral("reseed");
        op.schemaVersion = 1;
        push.ops << op;
    }
    PushMode mode;
    mode.allOrNothing = true;
    mode.dryRun = request.dryRun;
    // An import is no desk: its numbers may lie in no desk's block. A reseed brings back the numbers
    // every desk gave out, as the copying desk pulled them.
    mode.checkLeases = request.reseedDeskId.isEmpty();
    const QString marker = QStringLiteral("reseed:") + caller.publisherId;
    if (!request.reseedDeskId.isEmpty()) {
        mode.underLock = [&]() -> Status {
            auto q = run(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {marker});
            if (!q)
                return q.error();
            const QString inProgress = (*q)->next() ? (*q)->value(0).toString() : QString();
            (*q)->finish();
            if (!inProgress.isEmpty()) {
                if (inProgress != request.reseedDeskId)
                    return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::ReseedOtherDesk),
                                       tr("A reseed from another desk is in progress for this publisher."));
                return Ok{};
            }
            // Only an empty publisher is reseeded: a desk's copy never overwrites the server's rows.
            for (const Table &t : syncedTables()) {
                if (t.name == u"publisher")
                    continue;
                auto c = run(QStringLiteral("SELECT 1 FROM %1 WHERE owner_id = ? LIMIT 1").arg(t.name),
                             {caller.publisherId});
                if (!c)
                    return c.error();
                const bool any = (*c)->next();
                (*c)->finish();
                if (any)
                    return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::ReseedNotEmpty),
                                       tr("This publisher already holds %1 rows on the server: a reseed only "
                                          "fills an empty one.")
                                           .arg(t.name));
            }
            return exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"), {marker, request.reseedDeskId});
        };
        mode.beforeCommit = [&]() -> Status {
            if (!request.reseedFinal)
                return Ok{};
            // The desk's own operations up to its last number are in its copy: counted as applied.
            auto q = run(QStringLiteral("SELECT owner_id, last_seq FROM desks WHERE id = ?"), {request.reseedDeskId});
            if (!q)
                return q.error();
            if ((*q)->next()) {
                const QString owner = (*q)->value(0).toString();
                const qint64 last = (*q)->value(1).toLongLong();
                (*q)->finish();
                if (owner != caller.publisherId)
                    return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::DeskForbidden),
                                       tr("This desk belongs to another publisher."));
                if (last > request.reseedDeskLastSeq)
                    return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::ReseedDeskAhead),
                                       tr("The server already holds operation %1 of this desk, past the copy's %2.")
                                           .arg(last)
                                           .arg(request.reseedDeskLastSeq));
                if (Status s = exec(QStringLiteral("UPDATE desks SET last_seq = ?, reseeded_seq = ? WHERE id = ?"),
                                    {request.reseedDeskLastSeq, request.reseedDeskLastSeq, request.reseedDeskId});
                    !s)
                    return s;
            } else {
                (*q)->finish();
                if (Status s = exec(QStringLiteral("INSERT INTO desks (id, owner_id, last_seq, reseeded_seq, "
                                                   "registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?)"),
                                    {request.reseedDeskId, caller.publisherId, request.reseedDeskLastSeq,
                                     request.reseedDeskLastSeq,
                                     isoUtc(QDateTime::currentDateTimeUtc()), caller.userName});
                    !s)
                    return s;
            }
            return exec(QStringLiteral("DELETE FROM meta WHERE key = ?"), {marker});
        };
    }
    auto pushed = pushWith(caller, push, mode);
    if (!pushed)
        return pushed.error();
    ImportOutcome out;
    out.applied = pushed->committed;
    out.head = pushed->head;
    out.advanced = pushed->advanced;
    out.reseedDone = pushed->committed && request.reseedFinal && !request.reseedDeskId.isEmpty();
    for (qsizetype i = 0; i < pushed->results.size(); ++i) {
        const OpResult &r = pushed->results.at(i);
        if (r.repeated)
            ++out.repeated;
        else if (r.status == OpStatus::Applied)
            ++out.created;
        else
            out.refused << std::pair{request.rows.at(i).line, r};
    }
    return out;
}

} // namespace Relais::Server
