// A backup checked on its own, before anyone trusts it (relais-server verify, and the first thing a
// restore does): the file against its checksums, against the SHA-256 recorded when this server
// wrote it, and restored into a scratch store whose rows must be the file's. docs/server.md,
// "Verifying a backup".

#include "backupfile_p.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QTemporaryDir>

namespace Relais::Server {

using namespace Protocol;
using namespace backupfile;
using detail::storage;
using detail::tr;

Status SqlServerStore::checkRecordedSha256(const QString &path, const QString &sha256,
                                           QString *recorded, QString *recordedAt)
{
    auto q = run(QStringLiteral("SELECT sha256, created_at FROM backups WHERE path = ?"),
                 {QFileInfo(path).absoluteFilePath()});
    if (!q)
        return q.error();
    if (!(*q)->next()) {
        (*q)->finish();
        return Ok{}; // not written here (copied from elsewhere): its own checksums are what there is
    }
    const QString expected = (*q)->value(0).toString();
    const QString at = (*q)->value(1).toString();
    (*q)->finish();
    if (recorded)
        *recorded = expected;
    if (recordedAt)
        *recordedAt = at;
    if (expected != sha256)
        return Error::make(
            ErrorKind::Conflict, QString::fromUtf16(RestoreError::ShaMismatch),
            tr("%1 is not the backup written there on %2: its SHA-256 is %3, the one recorded "
               "then is %4. Nothing was changed.")
                .arg(path, at, sha256, expected));
    return Ok{};
}

Status SqlServerStore::uniqueAsIndex(const QString &table, const QString &column,
                                     const QString &declaration)
{
    auto q = run(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"),
                 {table});
    if (!q)
        return q.error();
    const QString create = (*q)->next() ? (*q)->value(0).toString() : QString();
    (*q)->finish();
    const QString inTable = column + u' ' + declaration + QStringLiteral(" UNIQUE,");
    if (!create.contains(inTable))
        return Ok{}; // the schema moved on: the table is kept as it is (slower, as correct)
    QString plain = create;
    plain.replace(inTable, column + u' ' + declaration + u',');
    for (const QString &step :
         QStringList{QStringLiteral("DROP TABLE ") + table, plain,
                     QStringLiteral("CREATE UNIQUE INDEX %1_%2 ON %1 (%2)").arg(table, column)})
        if (Status s = execUnprepared(step); !s)
            return s;
    return Ok{};
}

Result<BackupCheck> SqlServerStore::verifyBackup(const QString &path)
{
    BackupCheck check;
    // Restored into a scratch store: every row must go in, and be there. The file is read once,
    // by that restore: every table against its checksum as it goes, the trailer, nothing after it
    // (a damaged file fails the restore, and the scratch store is thrown away).
    QTemporaryDir scratchDir;
    if (!scratchDir.isValid())
        return Error::make(ErrorKind::Io, QStringLiteral("verify.scratch"),
                           tr("Cannot make a scratch folder to verify %1: %2")
                               .arg(path, scratchDir.errorString()));
    auto scratch = ServerStore::open(QStringLiteral("sqlite:")
                                     + scratchDir.filePath(QStringLiteral("verify.db")));
    if (!scratch)
        return scratch.error();
    if (Status s = (*scratch)->init(); !s)
        return s.error();
    auto *sql = dynamic_cast<SqlServerStore *>(scratch->get());
    // A scratch file thrown away afterwards: no journal, no syncs.
    for (const char *pragma : {"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF"})
        if (Status s = sql->exec(QString::fromLatin1(pragma)); !s)
            return s.error();
    // The stored operations' op_id is UNIQUE in the table's own definition: an index SQLite
    // keeps up as each row goes in, in the random order of the ids (most of the scratch
    // restore's time at 1,000,000 subscribers, measured). In the scratch store the same rule is a
    // separate unique index, which the restore drops and builds once, by a sort, after the rows.
    if (Status s = sql->uniqueAsIndex(QStringLiteral("ops"), QStringLiteral("op_id"),
                                      QStringLiteral("TEXT NOT NULL"));
        !s)
        return s.error();
    BackupFileFacts facts;
    QElapsedTimer stepTimer;
    stepTimer.start();
    auto restored = sql->restoreVerified(path, QString(), QJsonObject(), {}, 0,
                                         QStringLiteral("relais-server verify"), &facts,
                                         RestoreIndexes::UniqueOnly);
    if (!restored)
        return restored.error();
    qCDebug(lcStore).noquote() << "verify: scratch restore in" << stepTimer.restart() << "ms";
    check.sha256 = facts.sha256;
    check.rows = facts.rows;
    check.tableRows = facts.tableRows;
    check.epoch = facts.header.value(QStringLiteral("epoch")).toString();
    check.head = qint64(facts.header.value(QStringLiteral("head")).toDouble());
    // The SHA-256 this server recorded when it wrote the file, if it did.
    if (Status s = checkRecordedSha256(path, check.sha256, &check.recordedSha256,
                                       &check.recordedAt);
        !s)
        return s.error();
    check.publishers = restored->publishers;
    qCDebug(lcStore).noquote() << "verify: recorded SHA-256 looked up in" << stepTimer.restart()
                               << "ms";
    for (const Table &t : syncedTables()) {
        auto q = sql->run(QStringLiteral("SELECT count(*) FROM %1").arg(t.name));
        if (!q)
            return q.error();
        const qint64 there = (*q)->next() ? (*q)->value(0).toLongLong() : -1;
        (*q)->finish();
        if (there != check.tableRows.value(t.name))
            return badBackup(path, 0,
                             tr("table %1 holds %2 rows in the file, %3 once restored")
                                 .arg(t.name)
                                 .arg(check.tableRows.value(t.name))
                                 .arg(there));
    }
    qCDebug(lcStore).noquote() << "verify: tables counted in" << stepTimer.restart() << "ms";
    for (int i = 0; i < restored->publisherIds.size(); ++i) {
        auto sums = (*scratch)->checksums(restored->publisherIds.at(i));
        if (!sums)
            return sums.error();
        check.checksums << std::pair{restored->publishers.value(i), *sums};
    }
    qCDebug(lcStore).noquote() << "verify: checksums read back in" << stepTimer.restart() << "ms";
    return check;
}

} // namespace Relais::Server
