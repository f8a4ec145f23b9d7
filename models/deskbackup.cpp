#include "deskbackup.h"
#include "deskbackup_p.h"

#include "database.h"
#include "domain.h"
#include "formats.h"
#include "migrations.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QMutex>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>
#include <QUrl>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcBackup, "relais.backup", QtWarningMsg)

namespace Relais::DeskBackup {

namespace Internal {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::DeskBackup", text);
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

Error ioError(const QString &code, const QString &message, const QString &detail)
{
    Error e = Error::make(ErrorKind::Io, code, message);
    e.detail = detail;
    return e;
}

// One raw SQLite connection (the online backup API and read-only opens that QSQLITE does not give).

bool fsyncPath(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#else
    Q_UNUSED(path)
    return true;
#endif
}

// Renames over an existing file in one step (QFile::rename refuses to replace).
bool replaceFile(const QString &from, const QString &to)
{
    const bool ok = std::rename(QFile::encodeName(from).constData(),
                                QFile::encodeName(to).constData())
                    == 0;
    if (ok)
        fsyncPath(QFileInfo(to).absolutePath());
    return ok;
}

QString sha256Of(const QString &path, const Progress &progress, bool *cancelled)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    const qint64 total = f.size();
    qint64 done = 0;
    for (;;) {
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0)
            return {};
        if (n == 0)
            break;
        h.addData(QByteArrayView(buffer.constData(), n));
        done += n;
        if (progress && !progress(done, total)) {
            if (cancelled)
                *cancelled = true;
            return {};
        }
    }
    return QString::fromLatin1(h.result().toHex());
}

QStringList countedTables(const Schema &schema)
{
    QStringList virtuals;
    for (auto it = schema.cbegin(); it != schema.cend(); ++it)
        if (it->sql.startsWith(QLatin1StringView("CREATE VIRTUAL TABLE")))
            virtuals << it.key() + u'_';
    QStringList out;
    for (auto it = schema.cbegin(); it != schema.cend(); ++it) {
        if (it->type != u"table" || it->sql.startsWith(QLatin1StringView("CREATE VIRTUAL TABLE")))
            continue;
        if (std::any_of(virtuals.cbegin(), virtuals.cend(),
                        [&](const QString &v) { return it.key().startsWith(v); }))
            continue;
        out << it.key();
    }
    return out;
}

const char *const kSchemaSql = "SELECT name, type, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                               "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

// The schema this program creates at `version` (every step run on an empty in-memory database), so
// that a backup holds exactly those tables, indexes and triggers: nothing added, nothing changed.
std::optional<Schema> referenceSchema(int version)
{
    static QMutex mutex;
    static QHash<int, Schema> cache;
    QMutexLocker lock(&mutex);
    if (auto it = cache.constFind(version); it != cache.cend())
        return *it;
    auto db = Database::openAtVersion(QStringLiteral(":memory:"), version);
    if (!db)
        return std::nullopt;
    Schema s;
    QSqlQuery q(db.value().db());
    if (!q.exec(QString::fromLatin1(kSchemaSql)))
        return std::nullopt;
    while (q.next())
        s.insert(q.value(0).toString(),
                 {q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    cache.insert(version, s);
    return s;
}

std::optional<Schema> schemaOf(Conn &c)
{
    const auto r = c.rows(QString::fromLatin1(kSchemaSql));
    if (!r)
        return std::nullopt;
    Schema s;
    for (const QStringList &row : *r)
        s.insert(row.value(0), {row.value(1), row.value(2), row.value(3)});
    return s;
}

std::optional<QList<TableRows>> countRows(Conn &c, const QStringList &tables)
{
    QList<TableRows> out;
    for (const QString &t : tables) {
        // Names come from the reference schema, never from the file.
        const QString n = c.value(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(t));
        if (n.isEmpty())
            return std::nullopt;
        out << TableRows{t, n.toLongLong()};
    }
    return out;
}

QString metaOf(Conn &c, const char *key)
{
    return c.value(QStringLiteral("SELECT value FROM meta WHERE key = ?"),
                   {QString::fromLatin1(key)});
}

QString timestamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

bool copyFile(const QString &from, const QString &to, QString *why)
{
    QFile::remove(to);
    if (!QFile::copy(from, to)) {
        *why = QCoreApplication::translate("Relais::DeskBackup", "Cannot copy %1 to %2.")
                   .arg(native(from), native(to));
        return false;
    }
    QFile f(to);
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (!fsyncPath(to)) {
        *why = QCoreApplication::translate("Relais::DeskBackup", "Cannot write %1 to the disk.")
                   .arg(native(to));
        return false;
    }
    return true;
}

} // namespace Internal

using namespace Internal;

namespace {

Issue problem(const QString &file, const char *rule, const QString &message)
{
    return Issue{QFileInfo(file).fileName(), QString::fromLatin1(rule), message};
}

Error refused(const QString &file, Issues issues)
{
    Error e = Error::invalid(std::move(issues));
    e.code = e.issues.isEmpty() ? QStringLiteral("backup.invalid") : e.issues.first().rule;
    e.message = tr("The backup %1 cannot be trusted; nothing was changed.").arg(native(file));
    return e;
}

// The checks of a backup's content against its manifest (the file is read as it is).
Issues checkContent(const QString &file, const Manifest &m, const Progress &progress)
{
    Issues issues;
    QFile header(file);
    if (!header.open(QIODevice::ReadOnly)
        || header.read(16) != QByteArrayView("SQLite format 3\0", 16)) {
        issues << problem(file, "backup.not_sqlite", tr("The file is not an SQLite database."));
        return issues;
    }
    header.close();
    Conn c;
    if (!c.open(file, true)) {
        issues << problem(file, "backup.unreadable",
                          tr("SQLite cannot open the file: %1").arg(c.error()));
        return issues;
    }
    const auto integrity = c.rows(QStringLiteral("PRAGMA integrity_check(20)"));
    if (!integrity) {
        issues << problem(file, "backup.integrity",
                          tr("SQLite cannot read the file: %1").arg(c.error()));
        return issues;
    }
    for (const QStringList &row : *integrity)
        if (row.value(0) != u"ok")
            issues << problem(file, "backup.integrity",
                              tr("SQLite integrity check: %1").arg(row.value(0)));
    if (!issues.isEmpty())
        return issues;
    if (progress && !progress(1, 1)) // the integrity check is the long part
        return {problem(file, "backup.cancelled", tr("Cancelled."))};

    const int version = c.value(QStringLiteral("PRAGMA user_version")).toInt();
    if (version > Migrations::currentVersion() || version < 1) {
        issues << problem(file, "backup.schema_version",
                          tr("Schema version %1; this program reads versions 1 to %2.")
                              .arg(version)
                              .arg(Migrations::currentVersion()));
        return issues;
    }
    if (version != m.schemaVersion)
        issues << problem(file, "backup.schema_version",
                          tr("Schema version %1 in the file, %2 in the manifest.")
                              .arg(version)
                              .arg(m.schemaVersion));
    const auto reference = referenceSchema(version);
    const auto actual = schemaOf(c);
    if (!reference || !actual) {
        issues << problem(file, "backup.schema",
                          tr("The schema cannot be read: %1").arg(c.error()));
        return issues;
    }
    for (auto it = actual->cbegin(); it != actual->cend(); ++it) {
        if (!reference->contains(it.key()))
            issues << problem(file, "backup.schema",
                              tr("Unknown %1 \"%2\": a desk database has no such thing.")
                                  .arg(it->type, it.key()));
        else if (!(reference->value(it.key()) == *it))
            issues << problem(file, "backup.schema",
                              tr("The %1 \"%2\" is not defined as a desk database defines it.")
                                  .arg(it->type, it.key()));
    }
    for (auto it = reference->cbegin(); it != reference->cend(); ++it)
        if (!actual->contains(it.key()))
            issues << problem(file, "backup.schema",
                              tr("The %1 \"%2\" is missing.").arg(it->type, it.key()));
    if (!issues.isEmpty())
        return issues;

    const QString deskId = metaOf(c, "desk_id");
    if (deskId != m.deskId)
        issues << problem(file, "backup.desk",
                          tr("The file holds desk %1, the manifest names desk %2.")
                              .arg(deskId, m.deskId));
    const auto counts = countRows(c, countedTables(*reference));
    if (!counts) {
        issues << problem(file, "backup.counts",
                          tr("The rows cannot be counted: %1").arg(c.error()));
        return issues;
    }
    for (const TableRows &t : *counts) {
        const qint64 expected = m.rowsOf(t.table);
        if (expected != t.rows)
            issues << problem(file, "backup.counts",
                              tr("Table %1: %2 rows in the file, %3 in the manifest.")
                                  .arg(t.table)
                                  .arg(t.rows)
                                  .arg(expected));
    }
    if (counts->size() != m.counts.size())
        issues << problem(file, "backup.counts",
                          tr("The manifest counts %1 tables; the schema has %2.")
                              .arg(m.counts.size())
                              .arg(counts->size()));
    return issues;
}

} // namespace

// ---- manifest --------------------------------------------------------------------------------

QJsonObject Manifest::toJson() const
{
    QJsonObject counted;
    for (const TableRows &t : counts)
        counted.insert(t.table, t.rows);
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("relais-desk-backup")},
                       {QStringLiteral("version"), FormatVersion},
                       {QStringLiteral("desk_id"), deskId},
                       {QStringLiteral("desk_name"), deskName},
                       {QStringLiteral("publisher_id"), publisherId},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("created_at"), createdAt},
                       {QStringLiteral("verified_at"), verifiedAt},
                       {QStringLiteral("source"), source},
                       {QStringLiteral("schema_version"), schemaVersion},
                       {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("sha256"), sha256},
                       {QStringLiteral("desk_seq"), deskSeq},
                       {QStringLiteral("pending_operations"), pendingOperations},
                       {QStringLiteral("pull_cursor"), pullCursor},
                       {QStringLiteral("server_url"), serverUrl},
                       {QStringLiteral("server_epoch"), serverEpoch},
                       {QStringLiteral("counts"), counted}};
}

std::optional<Manifest> Manifest::fromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("format")).toString() != u"relais-desk-backup"
        || o.value(QStringLiteral("version")).toInt() != FormatVersion)
        return std::nullopt;
    for (const char *key : {"desk_id", "created_at", "sha256"})
        if (!o.value(QLatin1StringView(key)).isString())
            return std::nullopt;
    for (const char *key : {"schema_version", "bytes"})
        if (!o.value(QLatin1StringView(key)).isDouble())
            return std::nullopt;
    if (!o.value(QStringLiteral("counts")).isObject())
        return std::nullopt;
    Manifest m;
    m.deskId = o.value(QStringLiteral("desk_id")).toString();
    m.deskName = o.value(QStringLiteral("desk_name")).toString();
    m.publisherId = o.value(QStringLiteral("publisher_id")).toString();
    m.kind = o.value(QStringLiteral("kind")).toString();
    m.createdAt = o.value(QStringLiteral("created_at")).toString();
    m.verifiedAt = o.value(QStringLiteral("verified_at")).toString();
    m.source = o.value(QStringLiteral("source")).toString();
    m.schemaVersion = o.value(QStringLiteral("schema_version")).toInt();
    m.bytes = o.value(QStringLiteral("bytes")).toInteger();
    m.sha256 = o.value(QStringLiteral("sha256")).toString();
    m.deskSeq = o.value(QStringLiteral("desk_seq")).toInteger();
    m.pendingOperations = o.value(QStringLiteral("pending_operations")).toInteger();
    m.pullCursor = o.value(QStringLiteral("pull_cursor")).toInteger();
    m.serverUrl = o.value(QStringLiteral("server_url")).toString();
    m.serverEpoch = o.value(QStringLiteral("server_epoch")).toString();
    const QJsonObject counted = o.value(QStringLiteral("counts")).toObject();
    for (auto it = counted.begin(); it != counted.end(); ++it)
        m.counts << TableRows{it.key(), it.value().toInteger(-1)};
    return m;
}

qint64 Manifest::rowsOf(const QString &table) const
{
    for (const TableRows &t : counts)
        if (t.table == table)
            return t.rows;
    return -1;
}

QString manifestPath(const QString &backupFile)
{
    return backupFile + QStringLiteral(".json");
}

// ---- backup ------------------------------------------------------------------------------------

Result<Manifest> backup(const QString &dbPath, const QString &outFile, const QString &kind,
                        const Progress &progress)
{
    if (!QFileInfo(dbPath).isFile())
        return ioError(QStringLiteral("backup.no_desk"),
                       tr("There is no desk database at %1.").arg(native(dbPath)));
    const QFileInfo out(outFile);
    if (!out.absoluteDir().exists())
        return ioError(QStringLiteral("backup.folder_missing"),
                       tr("The folder %1 does not exist.").arg(native(out.absolutePath())));
    Conn src;
    if (!src.open(dbPath, false))
        return ioError(QStringLiteral("backup.open"),
                       tr("Cannot open the desk %1: %2").arg(native(dbPath), src.error()));
    sqlite3_busy_timeout(src.handle(), Database::BusyTimeoutMs);
    // One read snapshot for the copy and the counts: the clerk's commits go on meanwhile (WAL) and
    // are in the next backup; the copy never restarts because of them.
    if (!src.exec("BEGIN")
        || src.value(QStringLiteral("SELECT count(*) FROM sqlite_schema")).isEmpty())
        return ioError(QStringLiteral("backup.read"),
                       tr("Cannot read the desk %1: %2").arg(native(dbPath), src.error()));
    Manifest m;
    m.kind = kind;
    m.createdAt = nowUtcIso();
    m.source = QFileInfo(dbPath).absoluteFilePath();
    m.schemaVersion = src.value(QStringLiteral("PRAGMA user_version")).toInt();
    const auto reference = referenceSchema(m.schemaVersion);
    if (m.schemaVersion < 1 || m.schemaVersion > Migrations::currentVersion() || !reference)
        return ioError(
            QStringLiteral("backup.schema_version"),
            tr("The desk %1 has schema version %2; this program backs up versions 1 to %3.")
                .arg(native(dbPath))
                .arg(m.schemaVersion)
                .arg(Migrations::currentVersion()));
    m.deskId = metaOf(src, "desk_id");
    m.deskName = metaOf(src, "desk_name");
    m.publisherId = metaOf(src, "publisher_id");
    m.deskSeq = metaOf(src, "desk_seq").toLongLong();
    m.pullCursor = metaOf(src, "pull_cursor").toLongLong();
    m.serverUrl = metaOf(src, "server_url");
    m.serverEpoch = metaOf(src, "server_epoch");
    m.pendingOperations = src.value(QStringLiteral(
                                        "SELECT count(*) FROM outbox WHERE state = 'pending'"))
                              .toLongLong();
    const auto counts = countRows(src, countedTables(*reference));
    if (!counts)
        return ioError(QStringLiteral("backup.read"),
                       tr("Cannot read the desk %1: %2").arg(native(dbPath), src.error()));
    m.counts = *counts;

    const QString part = out.absoluteFilePath() + QStringLiteral(".part-") + newUuid().left(8);
    auto dropPart = qScopeGuard([&part] {
        QFile::remove(part);
        QFile::remove(part + QStringLiteral("-journal"));
    });
    {
        Conn dst;
        if (!dst.open(part, false, true))
            return ioError(QStringLiteral("backup.write"),
                           tr("Cannot create %1: %2").arg(native(part), dst.error()));
        sqlite3_backup *b = sqlite3_backup_init(dst.handle(), "main", src.handle(), "main");
        if (!b)
            return ioError(QStringLiteral("backup.write"),
                           tr("The backup cannot start: %1").arg(dst.error()));
        int rc;
        for (;;) {
            rc = sqlite3_backup_step(b, 4096); // 16 MB of 4 KB pages per step
            const bool goOn = !progress
                              || progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b),
                                          sqlite3_backup_pagecount(b));
            if (!goOn && rc != SQLITE_DONE) {
                sqlite3_backup_finish(b);
                return Error::make(ErrorKind::Io, QStringLiteral("backup.cancelled"),
                                   tr("The backup was cancelled."));
            }
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                sqlite3_sleep(50);
                continue;
            }
            if (rc != SQLITE_OK)
                break;
        }
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE)
            return ioError(QStringLiteral("backup.write"),
                           tr("The backup to %1 failed: %2").arg(native(outFile), dst.error()),
                           QString::fromUtf8(sqlite3_errstr(rc)));
        // A backup is a single file: no -wal beside it to lose when it is copied.
        if (!dst.exec("PRAGMA journal_mode = DELETE"))
            return ioError(QStringLiteral("backup.write"),
                           tr("The backup to %1 failed: %2").arg(native(outFile), dst.error()));
    }
    src.exec("COMMIT");
    src.close();
    if (!fsyncPath(part))
        return ioError(QStringLiteral("backup.write"),
                       tr("Cannot write %1 to the disk.").arg(native(part)));
    m.bytes = QFileInfo(part).size();
    bool cancelled = false;
    m.sha256 = sha256Of(part, {}, &cancelled);
    if (m.sha256.isEmpty())
        return ioError(QStringLiteral("backup.write"),
                       tr("Cannot read back %1.").arg(native(part)));
    // Verified before it is given its name: the copy holds what the desk held, row for row.
    if (const Issues issues = checkContent(part, m, {}); !issues.isEmpty()) {
        Error e = refused(outFile, issues);
        e.kind = ErrorKind::Io;
        e.code = QStringLiteral("backup.verify_failed");
        e.message = tr("The new backup %1 did not pass its verification; it was not kept.")
                        .arg(native(outFile));
        return e;
    }
    m.verifiedAt = nowUtcIso();
    QSaveFile sidecar(manifestPath(outFile));
    if (!sidecar.open(QIODevice::WriteOnly)
        || sidecar.write(QJsonDocument(m.toJson()).toJson(QJsonDocument::Indented)) < 0
        || !sidecar.commit())
        return ioError(QStringLiteral("backup.write"),
                       tr("Cannot write %1.").arg(native(manifestPath(outFile))));
    if (!replaceFile(part, out.absoluteFilePath()))
        return ioError(QStringLiteral("backup.write"),
                       tr("Cannot rename %1 to %2.").arg(native(part), native(outFile)));
    dropPart.dismiss();
    qCInfo(lcBackup) << "backup of" << dbPath << "to" << outFile << m.bytes << "bytes";
    return m;
}

// ---- verify ------------------------------------------------------------------------------------

Result<Manifest> verify(const QString &backupFile, const Progress &progress)
{
    const QFileInfo info(backupFile);
    if (!info.isFile())
        return ioError(QStringLiteral("backup.missing"),
                       tr("There is no backup file %1.").arg(native(backupFile)));
    QFile sidecar(manifestPath(backupFile));
    if (!sidecar.exists())
        return refused(
            backupFile,
            {problem(backupFile, "backup.manifest_missing",
                     tr("Its manifest %1 is missing (a backup is the file and its .json).")
                         .arg(native(manifestPath(backupFile))))});
    QJsonParseError parseError;
    const QJsonDocument doc = sidecar.open(QIODevice::ReadOnly) && sidecar.size() < 1'000'000
                                  ? QJsonDocument::fromJson(sidecar.readAll(), &parseError)
                                  : QJsonDocument();
    const auto m = Manifest::fromJson(doc.object());
    if (!m)
        return refused(backupFile,
                       {problem(backupFile, "backup.manifest_unreadable",
                                tr("Its manifest %1 is not a Relais desk backup manifest.")
                                    .arg(native(manifestPath(backupFile))))});
    if (info.size() != m->bytes)
        return refused(backupFile,
                       {problem(backupFile,
                                info.size() < m->bytes ? "backup.truncated" : "backup.size",
                                tr("The file has %1 bytes; %2 were written.")
                                    .arg(info.size())
                                    .arg(m->bytes))});
    bool cancelled = false;
    const QString sha = sha256Of(backupFile,
                                 progress ? Progress([&progress](qint64 d, qint64 t) {
                                     return progress(d, 2 * t); // hashing is about half of the work
                                 })
                                          : Progress(),
                                 &cancelled);
    if (cancelled)
        return Error::make(ErrorKind::Io, QStringLiteral("backup.cancelled"),
                           tr("The verification was cancelled."));
    if (sha.isEmpty())
        return ioError(QStringLiteral("backup.unreadable"),
                       tr("Cannot read %1.").arg(native(backupFile)));
    if (sha != m->sha256)
        return refused(
            backupFile,
            {problem(
                backupFile, "backup.checksum",
                tr("Its SHA-256 is not the one recorded when it was written: the file was changed "
                   "or damaged since, or it is another file under this name."))});
    const Issues issues = checkContent(backupFile, *m,
                                       progress ? Progress(
                                           [&progress](qint64, qint64) { return progress(2, 2); })
                                                : Progress());
    if (!issues.isEmpty()) {
        if (issues.first().rule == u"backup.cancelled")
            return Error::make(ErrorKind::Io, QStringLiteral("backup.cancelled"),
                               tr("The verification was cancelled."));
        return refused(backupFile, issues);
    }
    return *m;
}

// ---- restore -----------------------------------------------------------------------------------

Result<RestoreResult> restore(const QString &backupFile, const QString &dbPath,
                              const RestoreOptions &options)
{
    auto verified = verify(backupFile, options.progress);
    if (!verified)
        return verified.error();
    RestoreResult result;
    result.manifest = *verified;
    const QFileInfo target(dbPath);
    if (!target.absoluteDir().exists())
        return ioError(QStringLiteral("restore.folder_missing"),
                       tr("The folder %1 does not exist.").arg(native(target.absolutePath())));

    if (!target.exists()) {
        // No desk file (a new PC, a lost disk): the backup becomes the desk file.
        const QString part = target.absoluteFilePath() + QStringLiteral(".part");
        QString why;
        if (!copyFile(backupFile, part, &why) || !replaceFile(part, target.absoluteFilePath())) {
            QFile::remove(part);
            return ioError(QStringLiteral("restore.write"),
                           why.isEmpty() ? tr("Cannot write %1.").arg(native(dbPath)) : why);
        }
    } else {
        Conn dst;
        if (!dst.open(dbPath, false))
            return ioError(QStringLiteral("restore.open"),
                           tr("Cannot open the desk %1: %2").arg(native(dbPath), dst.error()));
        // The exclusive lock is taken at the first read and held until the connection closes: no
        // other program reads or writes the desk while it is kept aside and replaced.
        if (!dst.exec("PRAGMA locking_mode = EXCLUSIVE") || !dst.exec("BEGIN EXCLUSIVE")) {
            const bool busy = dst.code() == SQLITE_BUSY || dst.code() == SQLITE_LOCKED;
            return Error::make(
                ErrorKind::Io,
                busy ? QStringLiteral("restore.desk_in_use") : QStringLiteral("restore.open"),
                busy ? tr("The desk %1 is open in another program (the Relais window, a relaisctl "
                          "sync). Close it, then restore again; nothing was changed.")
                           .arg(native(dbPath))
                     : tr("Cannot lock the desk %1: %2").arg(native(dbPath), dst.error()));
        }
        result.previousDeskId = metaOf(dst, "desk_id");
        dst.exec("COMMIT");
        if (!result.previousDeskId.isEmpty() && result.previousDeskId != verified->deskId
            && !options.allowOtherDesk)
            return Error::make(
                ErrorKind::Invalid, QStringLiteral("restore.other_desk"),
                tr("The backup %1 is of desk %2, and %3 is desk %4. Nothing was changed. Restore "
                   "another desk's backup only on purpose (relaisctl restore --other-desk).")
                    .arg(native(backupFile), verified->deskId, native(dbPath),
                         result.previousDeskId));
        // The current file, kept aside as it is (with the changes still in its -wal).
        result.keptAside = target.absoluteFilePath() + QStringLiteral(".before-restore-")
                           + timestamp();
        QString why;
        if (!copyFile(dbPath, result.keptAside, &why))
            return ioError(QStringLiteral("restore.keep_aside"),
                           why + u' ' + tr("Nothing was changed."));
        const QString wal = dbPath + QStringLiteral("-wal");
        if (QFileInfo::exists(wal)
            && !copyFile(wal, result.keptAside + QStringLiteral("-wal"), &why))
            return ioError(QStringLiteral("restore.keep_aside"),
                           why + u' ' + tr("Nothing was changed."));
        fsyncPath(target.absolutePath());
        Conn src;
        if (!src.open(backupFile, true))
            return ioError(QStringLiteral("restore.read"),
                           tr("Cannot open %1: %2").arg(native(backupFile), src.error()));
        // The whole copy in one step: one transaction on the desk file, so a failure leaves it as it was.
        sqlite3_backup *b = sqlite3_backup_init(dst.handle(), "main", src.handle(), "main");
        if (!b)
            return ioError(QStringLiteral("restore.write"),
                           tr("The restore cannot start: %1").arg(dst.error()));
        const int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE)
            return ioError(QStringLiteral("restore.write"),
                           tr("The restore into %1 failed; the desk is as it was: %2")
                               .arg(native(dbPath), QString::fromUtf8(sqlite3_errstr(rc))));
        if (!dst.exec("PRAGMA wal_checkpoint(TRUNCATE)"))
            qCWarning(lcBackup) << "checkpoint after restore:" << dst.error();
    }
    // Opened as the application opens it: WAL, and migrated when the backup is of an older version.
    auto opened = Database::open(dbPath);
    if (!opened)
        return opened.error();
    qCInfo(lcBackup) << "restored" << backupFile << "into" << dbPath
                     << "kept aside:" << result.keptAside;
    return result;
}

// ---- automatic backups -------------------------------------------------------------------------

} // namespace Relais::DeskBackup
