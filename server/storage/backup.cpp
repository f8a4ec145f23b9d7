// Backups of the SQL store, of one publisher or of all (docs/server.md, "Backups"): the file is
// written, read back and checked before it is recorded.

#include "backupfile_p.h"
#include "formats.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>

#include <sqlite3.h>

#include <deque>

namespace Relais::Server {

using namespace Protocol;
using namespace backupfile;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

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

// A value of SQLite's as a JSON value: what the QtSql path writes (appendValue), from SQLite's own
// UTF-8 without a QVariant or a QString per value (most of the time of a backup, measured).
void appendSqliteValue(QByteArray &out, sqlite3_stmt *stmt, int i)
{
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL: out += "null"; return;
    case SQLITE_INTEGER: out += QByteArray::number(sqlite3_column_int64(stmt, i)); return;
    default:
        appendJsonUtf8(out, reinterpret_cast<const char *>(sqlite3_column_text(stmt, i)),
                       sqlite3_column_bytes(stmt, i));
        return;
    }
}
} // namespace

Result<BackupInfo> SqlServerStore::backup(const QString &path, const QString &createdBy,
                                          const QString &publisherId)
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
    // The text hashed and compressed in blocks, in a second thread, while the next rows are read.
    // The tables' checksums are filled on that thread: they outlive it (declared before it).
    std::deque<TableHash> tableHashes;
    FrameWriter writer(&file);
    const auto write = [&](const QByteArray &bytes) { return writer.write(bytes); };
    const auto writeError = [&]() {
        return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"),
                           tr("Cannot write %1: %2").arg(path, writer.errorString()));
    };
    // SQLite is read through its own interface: one statement per table, in the snapshot below.
    sqlite3 *lite = sqliteHandle(m_db);
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
        QByteArray header = "{\"format\":\"" + kBackupFormat + "\",\"version\":"
                            + QByteArray::number(BackupFormatVersion) + ",\"engine\":";
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
            return writeError();

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
                return writeError();
            const int idIndex = int(columns.indexOf(QStringLiteral("id")));
            const int lastSeqIndex = int(columns.indexOf(QStringLiteral("last_seq")));
            QList<int> keyIndex;
            for (const QString &k : t.key)
                keyIndex << int(columns.indexOf(k));

            TableHash &tableHash = tableHashes.emplace_back();
            qint64 rows = 0;
            QVariantList after;
            const QString keyList = t.key.join(u',');
            const QString filter = publisherId.isEmpty() ? QString() : publisherFilter(t.name);
            QByteArray out;
            out.reserve(1 << 20);
            const auto flushOut = [&]() {
                const bool ok = writer.write(out, &tableHash);
                out.clear();
                return ok;
            };
            if (lite) {
                QString sql = QStringLiteral("SELECT %1 FROM %2").arg(columns.join(u','), t.name);
                if (!filter.isEmpty())
                    sql += QStringLiteral(" WHERE ") + filter;
                sql += QStringLiteral(" ORDER BY %1").arg(keyList);
                sqlite3_stmt *stmt = nullptr;
                const QByteArray sqlUtf8 = sql.toUtf8();
                if (sqlite3_prepare_v2(lite, sqlUtf8.constData(), int(sqlUtf8.size()), &stmt,
                                       nullptr)
                    != SQLITE_OK)
                    return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                                       sql + QStringLiteral(": ")
                                           + QString::fromUtf8(sqlite3_errmsg(lite)));
                const QByteArray publisher = publisherId.toUtf8();
                if (filter.contains(u'?'))
                    sqlite3_bind_text(stmt, 1, publisher.constData(), int(publisher.size()),
                                      SQLITE_TRANSIENT);
                int rc = SQLITE_OK;
                const int n = int(columns.size());
                while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
                    out += '[';
                    for (int i = 0; i < n; ++i) {
                        if (i > 0)
                            out += ',';
                        appendSqliteValue(out, stmt, i);
                    }
                    out += "]\n";
                    ++rows;
                    if (t.name == u"desks" && idIndex >= 0 && lastSeqIndex >= 0)
                        deskSeqs.insert(QString::fromUtf8(reinterpret_cast<const char *>(
                                            sqlite3_column_text(stmt, idIndex))),
                                        sqlite3_column_int64(stmt, lastSeqIndex));
                    if (out.size() >= (1 << 20) && !flushOut()) {
                        sqlite3_finalize(stmt);
                        return writeError();
                    }
                }
                const QString why = QString::fromUtf8(sqlite3_errmsg(lite));
                sqlite3_finalize(stmt);
                if (rc != SQLITE_DONE)
                    return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                                       sql + QStringLiteral(": ") + why);
                if (!flushOut())
                    return writeError();
            }
            for (; !lite;) {
                QStringList where;
                QVariantList values;
                if (!filter.isEmpty()) {
                    where << filter;
                    if (filter.contains(u'?'))
                        values << publisherId;
                }
                if (!after.isEmpty()) {
                    where << (t.key.size() == 1 ? QStringLiteral("%1 > ?").arg(keyList)
                                                : QStringLiteral("(%1) > (%2)")
                                                      .arg(keyList, placeholders(t.key.size())));
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
                while ((*q)->next()) {
                    ++pageRows;
                    out += '[';
                    for (int i = 0; i < columns.size(); ++i) {
                        if (i > 0)
                            out += ',';
                        JsonText::appendValue(out, (*q)->value(i));
                    }
                    out += "]\n";
                    if (t.name == u"desks" && idIndex >= 0 && lastSeqIndex >= 0)
                        deskSeqs.insert((*q)->value(idIndex).toString(),
                                        (*q)->value(lastSeqIndex).toLongLong());
                    after.clear();
                    for (int k : keyIndex)
                        after << (*q)->value(k);
                }
                (*q)->finish();
                rows += pageRows;
                if (!flushOut())
                    return writeError();
                if (pageRows < BackupPage)
                    break;
            }
            if (!writer.drain()) // the table's checksum is complete once its text is through
                return writeError();
            if (!firstTable)
                trailer += ',';
            firstTable = false;
            JsonText::appendString(trailer, t.name);
            trailer += ":{\"rows\":" + QByteArray::number(rows) + ",\"" + tableHash.key() + "\":\""
                       + tableHash.resultHex() + "\"}";
            info.rows += rows;
        }
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    trailer += "}}\n";
    if (!write(trailer) || !writer.finish())
        return writeError();
    // QSaveFile writes to a temporary file, syncs it to disk and renames it: no half backup ever
    // carries the final name.
    if (!file.commit())
        return Error::make(ErrorKind::Storage, QStringLiteral("backup.write"),
                           tr("Cannot write %1: %2").arg(path, file.errorString()));
    info.sha256 = QString::fromLatin1(writer.sha256Hex());
    info.bytes = QFileInfo(path).size();

    // Verified = read back from the disk and every table matches its checksum.
    QString readBack;
    qint64 rowsBack = 0;
    auto verified = verifyBackupFile(path, &readBack, &rowsBack);
    if (!verified || readBack != info.sha256 || rowsBack != info.rows) {
        // Not a backup anyone should restore from: it does not stay under a backup's name.
        QFile::remove(path);
        return verified ? badBackup(path, 0, tr("the file read back differs from what was written"))
                        : verified.error();
    }
    info.verifiedAt = isoUtc(QDateTime::currentDateTimeUtc());

    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    if (Status s = exec(
            QStringLiteral(
                "INSERT INTO backups (name, path, epoch, head, row_count, bytes, sha256, "
                "created_at, created_by, verified_at, publisher_id) VALUES (?, ?, ?, ?, ?, ?, ?, "
                "?, "
                "?, ?, ?) ON CONFLICT (path) DO UPDATE SET name = excluded.name, "
                "epoch = excluded.epoch, head = excluded.head, row_count = excluded.row_count, "
                "bytes = excluded.bytes, sha256 = excluded.sha256, created_at = "
                "excluded.created_at, "
                "created_by = excluded.created_by, verified_at = excluded.verified_at, "
                "publisher_id = excluded.publisher_id"),
            {info.name, info.path, info.epoch, info.head, info.rows, info.bytes, info.sha256,
             info.createdAt, info.createdBy, info.verifiedAt,
             publisherId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                   : QVariant(publisherId)});
        !s)
        return s.error();
    // The desks may now let go of the operations this backup holds, unless a restore started a
    // new epoch meanwhile.
    if (*ep == info.epoch)
        for (auto it = deskSeqs.cbegin(); it != deskSeqs.cend(); ++it)
            if (Status
                    s = exec(QStringLiteral(
                                 "UPDATE desks SET backup_seq = ? WHERE id = ? AND backup_seq < ?"),
                             {it.value(), it.key(), it.value()});
                !s)
                return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return info;
}

Result<QList<BackupInfo>> SqlServerStore::backups()
{
    auto q = run(QStringLiteral(
        "SELECT name, path, epoch, head, row_count, bytes, sha256, created_at, created_by, "
        "verified_at, publisher_id FROM backups ORDER BY created_at, name"));
    if (!q)
        return q.error();
    QList<BackupInfo> out;
    while ((*q)->next()) {
        const QSqlQuery &r = **q;
        out << BackupInfo{r.value(0).toString(),   r.value(1).toString(),   r.value(2).toString(),
                          r.value(3).toLongLong(), r.value(4).toLongLong(), r.value(5).toLongLong(),
                          r.value(6).toString(),   r.value(7).toString(),   r.value(8).toString(),
                          r.value(9).toString(),   r.value(10).toString()};
    }
    (*q)->finish();
    return out;
}

Status SqlServerStore::forgetBackup(const QString &path)
{
    return exec(QStringLiteral("DELETE FROM backups WHERE path = ?"),
                {QFileInfo(path).absoluteFilePath()});
}

} // namespace Relais::Server
