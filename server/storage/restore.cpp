// Restores of the SQL store from a verified backup, of one publisher or of all, with a new epoch
// (DESIGN.md, "Sync"; docs/server.md, "Restoring one publisher or all").

#include "backupfile_p.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlRecord>

#include <optional>

namespace Relais::Server {

using namespace Protocol;
using namespace backupfile;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

// ---- restore -----------------------------------------------------------------------------------

Result<QList<std::pair<QString, QString>>> SqlServerStore::droppableIndexes(const QString &table)
{
    const bool lite = engine() == u"sqlite";
    auto q = run(lite ? QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                       "AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
                      : QStringLiteral(
                          "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                          "current_schema() AND tablename = ? AND indexname NOT IN (SELECT "
                          "conname FROM pg_constraint WHERE conrelid = to_regclass(?)) "
                          "ORDER BY indexname"),
                 lite ? QVariantList{table} : QVariantList{table, table});
    if (!q)
        return q.error();
    QList<std::pair<QString, QString>> out;
    while ((*q)->next())
        out << std::pair{(*q)->value(0).toString(), (*q)->value(1).toString()};
    (*q)->finish();
    return out;
}

Result<RestoreOutcome> SqlServerStore::restore(const QString &path, const QStringList &codes,
                                               qint64 numberGap, const QString &by)
{
    // A file this server wrote must be the very file it wrote: first its SHA-256 (the raw file, a
    // second or two at 1,000,000 subscribers) against the one recorded then, so that another valid
    // backup put in its place is refused before anything is read from it. Then the file is read
    // once: every table checked against its checksum as it is restored, then the trailer, inside
    // the restore's one transaction, so that a damaged backup changes nothing. (It was read twice
    // before, checked whole and then restored.)
    QString sha256;
    {
        auto q = run(QStringLiteral("SELECT 1 FROM backups WHERE path = ?"),
                     {QFileInfo(path).absoluteFilePath()});
        if (!q)
            return q.error();
        const bool recorded = (*q)->next();
        (*q)->finish();
        if (recorded) {
            QFile f(path);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f))
                return badBackup(path, 0, tr("cannot read it: %1").arg(f.errorString()));
            sha256 = QString::fromLatin1(hash.result().toHex());
        }
    }
    return restoreVerified(path, sha256, QJsonObject(), codes, numberGap, by);
}

// An index dropped for the restore, built again over the restored rows. A UNIQUE one that the rows
// break (a crafted or damaged file: two live subscribers of one publisher under one number, say)
// refuses the backup with the rule and the values that break it, not the database's own text;
// the savepoint keeps PostgreSQL's transaction usable for that question.
Status SqlServerStore::buildIndexAfter(const QString &path, const QString &name, const QString &sql)
{
    const bool unique = sql.startsWith(QLatin1String("CREATE UNIQUE"), Qt::CaseInsensitive);
    if (!unique)
        return execUnprepared(sql);
    if (Status s = execUnprepared(QStringLiteral("SAVEPOINT restore_index")); !s)
        return s;
    const Status built = execUnprepared(sql);
    if (built)
        return execUnprepared(QStringLiteral("RELEASE SAVEPOINT restore_index"));
    if (Status s = execUnprepared(QStringLiteral("ROLLBACK TO SAVEPOINT restore_index")); !s)
        return built;
    // As SQLite keeps it, "... ON subscriber (owner_id, number) WHERE deleted = 0"; as PostgreSQL
    // gives it back, "... ON public.subscriber USING btree (owner_id, number) WHERE (deleted = 0)".
    static const QRegularExpression
        shape(QStringLiteral(R"(\bON\s+(?:\w+\.)?(\w+)(?:\s+USING\s+\w+)?\s*\(([\w\s,]+)\))"
                             R"((?:\s+WHERE\s+(.+))?$)"),
              QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = shape.match(sql.trimmed());
    if (!m.hasMatch())
        return built;
    const QString table = m.captured(1);
    const QString columns = m.captured(2).simplified();
    const QString where = m.captured(3);
    // NOT INDEXED: verify's scratch store runs without a journal, so the failed index may stay
    // there half built; the rows themselves answer.
    const QString from = engine() == u"sqlite" ? table + QStringLiteral(" NOT INDEXED") : table;
    auto q = run(
        QStringLiteral("SELECT %1 FROM %2%3 GROUP BY %1 HAVING count(*) > 1 LIMIT 1")
            .arg(columns, from, where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    if (!q)
        return built;
    QStringList values;
    if ((*q)->next())
        for (int i = 0; i < columns.count(u',') + 1; ++i)
            values << (*q)->value(i).toString();
    (*q)->finish();
    return badBackup(path, 0,
                     tr("its rows of %1 break the rule %2: more than one row%3 with %4 = %5. "
                        "Nothing was restored.")
                         .arg(table, name,
                              where.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(where),
                              columns, values.join(QStringLiteral(", "))));
}

Result<RestoreOutcome> SqlServerStore::restoreVerified(const QString &path, const QString &sha256,
                                                       const QJsonObject &header,
                                                       const QStringList &codes, qint64 numberGap,
                                                       const QString &by, BackupFileFacts *facts,
                                                       RestoreIndexes indexes)
{
    RestoreOutcome out;
    // A file this server wrote under that name must be the very file it wrote (not another valid
    // backup put in its place).
    if (!sha256.isEmpty())
        if (Status s = checkRecordedSha256(path, sha256); !s)
            return s.error();

    // SQLite: the whole restore is one transaction; with the default cache of 2 MB its pages spill
    // into the WAL again and again, and every page read then searches a WAL of gigabytes (most of
    // a restore of a million subscribers, measured). 256 MB of cache for the restore only.
    const bool lite = engine() == u"sqlite";
    if (lite)
        if (Status s = exec(QStringLiteral("PRAGMA cache_size = -262144")); !s)
            return s.error();
    const auto cacheBack = qScopeGuard([&] {
        if (lite)
            (void)exec(QStringLiteral("PRAGMA cache_size = -2000"));
    });
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
    {
        const QJsonObject &h = header.isEmpty() ? reader.header() : header;
        out.backupEpoch = h.value(QStringLiteral("epoch")).toString();
        out.backupHead = qint64(h.value(QStringLiteral("head")).toDouble());
    }
    // SQLite: the rows that go through `pending` keep their strings as the file's UTF-8, bound as
    // text without a QString each (a third of a restore's time was converting them twice).
    const bool native = nativeInserts();
    const auto textAsUtf8 = [native](const QString &t) {
        return native
               && (t == u"desks" || t == u"ops" || t == u"change_log"
                   || (tableByName(t) && t != u"publisher"));
    };
    // Read, decompressed, checked and parsed on a thread of its own while the rows before are
    // written here.
    ReadAhead ahead(reader, true, textAsUtf8);
    BackupReader::Item item;
    QString table;
    QStringList columns;
    int ownerIndex = -1;
    const Table *syncedTable = nullptr; // tableByName(table), looked up once per table
    // The publishers to restore (backup id -> code), found in the publisher table of the file.
    QHash<QString, QString> chosen;
    QSet<QString> deskIds; // the backup's desks of those publishers
    // Rows as they stand before the restore: "table/id" -> rev. What is left once the backup's rows
    // were compared is gone in the backup.
    QHash<QString, std::pair<qint64, QString>> before; // rev, owner
    QList<std::pair<QString, QByteArray>> announce;    // "table/id", row JSON (empty: tombstone)
    QSet<QString> goneNow; // "table/id" in the change sequence but not in the table (see below)
    QList<QVariantList> pending;
    QStringList pendingColumns;
    bool bytesAreText = false; // see textAsUtf8
    QElapsedTimer tableTimer;
    qint64 tableRows = 0;
    qint64 changeLogExpected = 0;
    // Into a database that holds no other publisher (a new database, the scratch store of verify),
    // a table left empty gets its rows first and its indexes after them, each built once by a sort
    // instead of growing row by row. Not beside another publisher: on PostgreSQL a dropped index
    // would hold that publisher's reads of the table until the restore commits.
    std::optional<bool> alone;
    QList<std::pair<QString, QString>> indexesAfter; // name, CREATE statement
    const auto deferIndexes = [&](const QString &t) -> Status {
        if (!alone) {
            QVariantList ids;
            for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
                ids << it.key();
            if (ids.isEmpty())
                return Ok{};
            auto others = run(QStringLiteral("SELECT EXISTS (SELECT 1 FROM publisher WHERE id NOT "
                                             "IN (%1))")
                                  .arg(placeholders(ids.size())),
                              ids);
            if (!others)
                return others.error();
            alone = (*others)->next() && !(*others)->value(0).toBool();
            (*others)->finish();
        }
        if (!*alone)
            return Ok{};
        auto empty = run(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM %1)").arg(t));
        if (!empty)
            return empty.error();
        const bool isEmpty = (*empty)->next() && (*empty)->value(0).toBool();
        (*empty)->finish();
        if (!isEmpty)
            return Ok{};
        auto droppable = droppableIndexes(t);
        if (!droppable)
            return droppable.error();
        for (const auto &[name, sql] : std::as_const(*droppable)) {
            if (Status s = execUnprepared(QStringLiteral("DROP INDEX %1").arg(name)); !s)
                return s;
            if (indexes == RestoreIndexes::All
                || sql.startsWith(QLatin1String("CREATE UNIQUE"), Qt::CaseInsensitive))
                indexesAfter << std::pair{name, sql};
        }
        return Ok{};
    };

    const auto flush = [&]() -> Status {
        if (pending.isEmpty())
            return Ok{};
        // The change sequence may already hold the backup's entries (the same lineage): those stay.
        return flushInserts(table, pendingColumns, pending, table == u"change_log", bytesAreText);
    };
    const auto ownerIdsOf = [&]() {
        QVariantList ids;
        for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
            ids << it.key();
        return ids;
    };

    qint64 copiedBefore = m_copiedRows;
    for (;;) {
        if (Status s = ahead.next(item); !s)
            return s.error();
        if (item.atEnd || !item.table.isEmpty()) {
            if (Status s = flush(); !s)
                return s.error();
            if (!table.isEmpty())
                qCDebug(lcStore).noquote()
                    << "restore:" << table << tableRows << "rows in" << tableTimer.elapsed()
                    << "ms," << (m_copiedRows - copiedBefore) << "through COPY";
            tableTimer.start();
            tableRows = 0;
            copiedBefore = m_copiedRows;
        }
        if (item.atEnd)
            break;
        if (item.table.isEmpty())
            ++tableRows;
        if (!item.table.isEmpty()) {
            table = item.table;
            bytesAreText = textAsUtf8(table);
            columns = item.columns;
            pendingColumns = columns;
            ownerIndex = int(columns.indexOf(table == u"users" ? QStringLiteral("publisher_id")
                                                               : QStringLiteral("owner_id")));
            syncedTable = tableByName(table);
            if (syncedTable && table != u"publisher") {
                if (chosen.isEmpty())
                    return Error::make(ErrorKind::Invalid,
                                       QString::fromUtf16(RestoreError::PublisherMissing),
                                       tr("The backup holds none of the publishers asked for: %1.")
                                           .arg(codes.join(QStringLiteral(", "))));
                // What the publishers hold now, to tell afterwards which rows the restore changes.
                for (const QVariant &owner : ownerIdsOf()) {
                    // Rows the desks heard of (in the change sequence) that are not here now: an
                    // earlier restore took them away and told the desks so. If the backup holds
                    // them, the desks must hear that they are back.
                    auto g = run(
                        QStringLiteral(
                            "SELECT DISTINCT entity_id FROM change_log WHERE owner_id = ? AND "
                            "entity = ? AND entity_id NOT IN (SELECT id FROM %1 WHERE owner_id = "
                            "?)")
                            .arg(table),
                        {owner, table, owner});
                    if (!g)
                        return g.error();
                    while ((*g)->next())
                        goneNow.insert(table + u'/' + (*g)->value(0).toString());
                    (*g)->finish();
                    auto q = run(QStringLiteral("SELECT id, rev FROM %1 WHERE owner_id = ?")
                                     .arg(table),
                                 {owner});
                    if (!q)
                        return q.error();
                    while ((*q)->next())
                        before.insert(table + u'/' + (*q)->value(0).toString(),
                                      std::pair{(*q)->value(1).toLongLong(), owner.toString()});
                    (*q)->finish();
                    if (Status s = exec(QStringLiteral("DELETE FROM %1 WHERE owner_id = ?")
                                            .arg(table),
                                        {owner});
                        !s)
                        return s.error();
                }
                if (Status s = deferIndexes(table); !s)
                    return s.error();
            } else if (table == u"desks") {
                for (const QVariant &owner : ownerIdsOf()) {
                    if (Status s = exec(
                            QStringLiteral(
                                "DELETE FROM ops WHERE desk_id IN (SELECT id FROM desks WHERE "
                                "owner_id = ?)"),
                            {owner});
                        !s)
                        return s.error();
                    if (Status s = exec(QStringLiteral("DELETE FROM desks WHERE owner_id = ?"),
                                        {owner});
                        !s)
                        return s.error();
                }
            } else if (table == u"change_log") {
                for (const QVariant &owner : ownerIdsOf())
                    if (Status s = exec(QStringLiteral("DELETE FROM change_log WHERE owner_id = ?"),
                                        {owner});
                        !s)
                        return s.error();
                if (Status s = deferIndexes(table); !s)
                    return s.error();
            } else if (table == u"ops") {
                if (Status s = deferIndexes(table); !s)
                    return s.error();
            }
            continue;
        }
        const QVariantList &row = item.row;
        const auto value = [&](const QString &column) { return row.at(columns.indexOf(column)); };
        if (table == u"meta" || table == u"global_seq" || table == u"sessions"
            || table == u"login_throttle")
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
                return Error::make(
                    ErrorKind::Conflict, QString::fromUtf16(RestoreError::PublisherMismatch),
                    tr("Publisher %1 exists here under another identity than in the backup; "
                       "restore it into a new database (relais-server init) instead.")
                        .arg(code));
            if (here.isEmpty()) {
                // Numbers leased after the backup are unknown: skip `numberGap` of them.
                QVariantList values;
                for (int i = 0; i < columns.size(); ++i)
                    values << (columns.at(i) == u"number_next"
                                   ? QVariant(row.at(i).toLongLong() + numberGap)
                                   : row.at(i));
                if (Status s = exec(QStringLiteral("INSERT INTO publisher (%1) VALUES (%2)")
                                        .arg(columns.join(u','), placeholders(columns.size())),
                                    values);
                    !s)
                    return s.error();
            } else if (Status s = exec(QStringLiteral(
                                           "UPDATE publisher SET number_next = ? WHERE id = ? AND "
                                           "number_next < ?"),
                                       {value(QStringLiteral("number_next")), id,
                                        value(QStringLiteral("number_next"))});
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
        } else if (ownerIndex < 0 || !chosen.contains(row.at(ownerIndex).toString())) {
            continue;
        }
        QVariantList values = row;
        if (table == u"users") {
            // Users who exist here keep their account as it is now (password, role, sessions).
            if (Status s = exec(QStringLiteral(
                                    "INSERT INTO users (%1) VALUES (%2) ON CONFLICT DO NOTHING")
                                    .arg(columns.join(u','), placeholders(columns.size())),
                                values);
                !s)
                return s.error();
            continue;
        }
        if (table == u"number_leases") {
            if (Status s = exec(
                    QStringLiteral(
                        "INSERT INTO number_leases (%1) VALUES (%2) ON CONFLICT DO NOTHING")
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
        if (table == u"change_log")
            ++changeLogExpected; // inserted in batches, ON CONFLICT DO NOTHING (see flush)
        // Nothing to compare with in an empty store (a new database, verify's scratch store):
        // no key per row.
        if (syncedTable && (!before.isEmpty() || !goneNow.isEmpty())) {
            const QString id = value(QStringLiteral("id")).toString();
            const QString key = table + u'/' + id;
            const auto was = before.constFind(key);
            const qint64 rev = value(QStringLiteral("rev")).toLongLong();
            if ((was != before.constEnd() && was->first != rev)
                || (was == before.constEnd() && goneNow.contains(key))) {
                // The row goes back to an older state, or comes back after an earlier restore took
                // it away: desks must hear of it.
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
        }
        if (syncedTable)
            ++out.rows;
        pending << values;
        if (pending.size() >= insertBatch())
            if (Status s = flush(); !s)
                return s.error();
    }
    // The very file that was checked (not one put in its place meanwhile).
    if (!sha256.isEmpty() && reader.fileSha256() != sha256)
        return badBackup(path, 0, tr("the file changed while it was read"));
    if (facts) {
        facts->sha256 = reader.fileSha256();
        facts->tableRows = reader.counts();
        facts->rows = 0;
        for (qint64 n : reader.counts())
            facts->rows += n;
        facts->header = reader.header();
    }
    if (chosen.isEmpty())
        return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::PublisherMissing),
                           tr("The backup holds none of the publishers asked for: %1.")
                               .arg(codes.join(QStringLiteral(", "))));
    for (const QString &code : codes)
        if (!out.publishers.contains(code))
            return Error::make(ErrorKind::Invalid,
                               QString::fromUtf16(RestoreError::PublisherMissing),
                               tr("The backup has no publisher %1.").arg(code));

    {
        QElapsedTimer indexTimer;
        indexTimer.start();
        for (const auto &[name, sql] : std::as_const(indexesAfter))
            if (Status s = buildIndexAfter(path, name, sql); !s)
                return s.error();
        if (!indexesAfter.isEmpty())
            qCDebug(lcStore).noquote() << "restore:" << indexesAfter.size() << "indexes built in"
                                       << indexTimer.elapsed() << "ms";
    }
    QElapsedTimer tailTimer;
    tailTimer.start();
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
            return Error::make(
                ErrorKind::Conflict, QStringLiteral("restore.lineage"),
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
            if (Status s = exec(QStringLiteral("UPDATE %1 SET rev = ? WHERE id = ?").arg(t),
                                {seq, id});
                !s)
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
    const QStringList changeColumns{QStringLiteral("seq"), QStringLiteral("owner_id"),
                                    QStringLiteral("entity"), QStringLiteral("entity_id"),
                                    QStringLiteral("row_json")};
    if (Status s = flushInserts(QStringLiteral("change_log"), changeColumns, changeRows); !s)
        return s.error();
    if (Status s = exec(QStringLiteral("UPDATE global_seq SET value = ? WHERE id = 1"), {seq}); !s)
        return s.error();
    out.head = seq;
    out.epoch = newId();
    for (const auto &[k, v] :
         {std::pair{QStringLiteral("epoch"), out.epoch},
          std::pair{QStringLiteral("epoch_start"), QString::number(out.epochStart)},
          std::pair{QStringLiteral("restored_at"), now},
          std::pair{QStringLiteral("restored_from"), QFileInfo(path).fileName()},
          std::pair{QStringLiteral("restored_by"), by}})
        if (Status s = exec(
                QStringLiteral(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                    "SET value = excluded.value"),
                {k, v});
            !s)
            return s.error();
    qCDebug(lcStore).noquote() << "restore: lineage checked, changes announced in"
                               << tailTimer.restart() << "ms";
    if (Status s = tx.commit(); !s)
        return s.error();
    qCDebug(lcStore).noquote() << "restore: committed in" << tailTimer.elapsed() << "ms";
    qCInfo(lcStore).noquote() << "restored" << out.publishers.join(QStringLiteral(", ")) << "from"
                              << path << "backup head" << out.backupHead << "new epoch"
                              << out.epoch;
    return out;
}

} // namespace Relais::Server
