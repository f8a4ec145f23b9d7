// Automatic backups (a folder beside the desk, 7 daily and 4 weekly kept, a second folder) and the
// restore the window asks for at the next start.

#include "deskbackup.h"
#include "deskbackup_p.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace Relais::DeskBackup {

using namespace Internal;

QString defaultFolder(const QString &dbPath)
{
    return QFileInfo(dbPath).absoluteDir().filePath(QStringLiteral("backups"));
}

QList<Entry> list(const QString &folder)
{
    QList<Entry> out;
    const QDir dir(folder);
    for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("desk-*.sqlite")}, QDir::Files)) {
        Entry e;
        e.path = f.absoluteFilePath();
        e.bytes = f.size();
        QFile sidecar(manifestPath(e.path));
        if (sidecar.open(QIODevice::ReadOnly) && sidecar.size() < 1'000'000)
            e.manifest = Manifest::fromJson(QJsonDocument::fromJson(sidecar.readAll()).object());
        if (e.manifest)
            e.created = QDateTime::fromString(e.manifest->createdAt, Qt::ISODateWithMs)
                            .toLocalTime();
        if (!e.created.isValid())
            e.created = QDateTime::fromString(f.completeBaseName().mid(5),
                                              QStringLiteral("yyyyMMdd-HHmmss"));
        if (!e.created.isValid())
            e.created = f.lastModified();
        out << e;
    }
    std::sort(out.begin(), out.end(),
              [](const Entry &a, const Entry &b) { return a.created > b.created; });
    return out;
}

QStringList rotationVictims(const QList<Entry> &entries, int daily, int weekly)
{
    QList<Entry> sorted = entries;
    std::sort(sorted.begin(), sorted.end(),
              [](const Entry &a, const Entry &b) { return a.created > b.created; });
    QSet<QString> keep;
    QList<QDate> days;
    QList<int> weeks;
    for (const Entry &e : std::as_const(sorted)) {
        const QDate day = e.created.date();
        int year = 0;
        const int week = day.weekNumber(&year) + year * 100;
        if (!days.contains(day) && days.size() < daily) {
            days << day;
            keep.insert(e.path);
        }
        if (!weeks.contains(week) && weeks.size() < weekly) {
            weeks << week;
            keep.insert(e.path);
        }
        // Seen days and weeks are recorded even when full, so an older backup of a kept day is not kept.
        if (!days.contains(day))
            days << day;
        if (!weeks.contains(week))
            weeks << week;
    }
    QStringList victims;
    for (const Entry &e : std::as_const(sorted))
        if (!keep.contains(e.path))
            victims << e.path;
    return victims;
}

bool upToDate(const QString &dbPath, const QString &folder)
{
    const QList<Entry> entries = list(folder);
    if (entries.isEmpty() || !entries.first().manifest)
        return false;
    const Manifest &m = *entries.first().manifest;
    Conn c;
    if (!c.open(dbPath, false) || !c.exec("BEGIN"))
        return false;
    const auto reference = referenceSchema(m.schemaVersion);
    if (!reference || c.value(QStringLiteral("PRAGMA user_version")).toInt() != m.schemaVersion)
        return false;
    const auto counts = countRows(c, countedTables(*reference));
    return counts && *counts == m.counts && metaOf(c, "desk_id") == m.deskId
           && metaOf(c, "desk_seq").toLongLong() == m.deskSeq
           && metaOf(c, "pull_cursor").toLongLong() == m.pullCursor
           && c.value(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'"))
                      .toLongLong()
                  == m.pendingOperations;
}

bool dailyDue(const QString &folder, const QDateTime &now)
{
    const QList<Entry> entries = list(folder);
    return std::none_of(entries.cbegin(), entries.cend(), [&now](const Entry &e) {
        return e.manifest && e.created.date() == now.date();
    });
}

namespace {

QStringList rotate(const QString &folder)
{
    const QStringList victims = rotationVictims(list(folder));
    for (const QString &v : victims) {
        QFile::remove(v);
        QFile::remove(manifestPath(v));
    }
    return victims;
}

QString copyToSecond(const QString &file, const Manifest &m, const QString &secondFolder)
{
    if (!QDir().mkpath(secondFolder))
        return tr("The folder %1 cannot be created.").arg(native(secondFolder));
    const QString target = QDir(secondFolder).filePath(QFileInfo(file).fileName());
    const QString part = target + QStringLiteral(".part");
    QString why;
    if (!copyFile(file, part, &why)) {
        QFile::remove(part);
        return why;
    }
    if (sha256Of(part, {}) != m.sha256) {
        QFile::remove(part);
        return tr("The copy in %1 does not read back as written.").arg(native(secondFolder));
    }
    if (!copyFile(manifestPath(file), manifestPath(target), &why) || !replaceFile(part, target)) {
        QFile::remove(part);
        return why.isEmpty() ? tr("Cannot rename %1.").arg(native(part)) : why;
    }
    rotate(secondFolder);
    return {};
}

} // namespace

Result<AutomaticResult> automatic(const QString &dbPath, const QString &folder, const QString &kind,
                                  const QString &secondFolder, const Progress &progress)
{
    if (!QDir().mkpath(folder))
        return ioError(QStringLiteral("backup.folder"),
                       tr("The folder %1 cannot be created.").arg(native(folder)));
    AutomaticResult r;
    QString name = QStringLiteral("desk-") + timestamp();
    r.file = QDir(folder).filePath(name + QStringLiteral(".sqlite"));
    for (int i = 2; QFileInfo::exists(r.file);
         ++i) // two backups in one second (close right after the daily one)
        r.file = QDir(folder).filePath(QStringLiteral("%1-%2.sqlite").arg(name).arg(i));
    auto m = backup(dbPath, r.file, kind, progress);
    if (!m)
        return m.error();
    r.manifest = *m;
    r.removed = rotate(folder);
    if (!secondFolder.isEmpty()) {
        r.copyProblem = copyToSecond(r.file, r.manifest, secondFolder);
        if (r.copyProblem.isEmpty())
            r.copiedTo = QDir(secondFolder).filePath(QFileInfo(r.file).fileName());
    }
    return r;
}

// ---- restore at the next start -----------------------------------------------------------------

namespace {
QString requestPath(const QString &dbPath)
{
    return dbPath + QStringLiteral(".restore-request.json");
}
} // namespace

Status requestRestore(const QString &dbPath, const QString &backupFile, const Progress &progress)
{
    auto verified = verify(backupFile, progress);
    if (!verified)
        return verified.error();
    QSaveFile f(requestPath(dbPath));
    const QJsonObject o{{QStringLiteral("backup"), QFileInfo(backupFile).absoluteFilePath()},
                        {QStringLiteral("requested_at"), nowUtcIso()}};
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        return ioError(QStringLiteral("restore.request"),
                       tr("Cannot write %1.").arg(native(requestPath(dbPath))));
    return Ok{};
}

std::optional<QString> pendingRestore(const QString &dbPath)
{
    QFile f(requestPath(dbPath));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString file = QJsonDocument::fromJson(f.readAll())
                             .object()
                             .value(QStringLiteral("backup"))
                             .toString();
    if (file.isEmpty())
        return std::nullopt;
    return file;
}

void cancelRestoreRequest(const QString &dbPath)
{
    QFile::remove(requestPath(dbPath));
}

std::optional<Result<RestoreResult>> applyPendingRestore(const QString &dbPath)
{
    const auto file = pendingRestore(dbPath);
    if (!file) {
        cancelRestoreRequest(dbPath); // an unreadable request is not retried at every start
        return std::nullopt;
    }
    cancelRestoreRequest(dbPath);
    return restore(*file, dbPath);
}

} // namespace Relais::DeskBackup
