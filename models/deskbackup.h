#pragma once
// Desk backups: a copy of the desk's SQLite file made with SQLite's online backup API while the
// clerk works (one read snapshot, so the copy is consistent), verified before anyone trusts it, and
// restored only after the same checks. Each backup FILE has a manifest FILE.json beside it: the
// desk, the schema version, the row count of every table, the file's size and SHA-256, and when
// the copy was verified. Automatic backups go to a folder next to the desk (7 daily, 4 weekly kept).
// No Qt Widgets here: relaisctl and the window's worker thread call the same functions. Every
// function opens its own SQLite connections, so it may run on any thread.

#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Relais::DeskBackup {

struct TableRows
{
    QString table;
    qint64 rows = 0;
    friend bool operator==(const TableRows &, const TableRows &) = default;
};

// What the manifest (FILE.json) records about one backup.
struct Manifest
{
    static constexpr int FormatVersion = 1;
    QString deskId;
    QString deskName;
    QString publisherId;
    QString kind;      // "manual", "daily", "close"
    QString createdAt; // UTC, ISO 8601 with milliseconds
    QString verifiedAt;
    QString source; // the desk file it was taken from
    int schemaVersion = 0;
    qint64 bytes = 0;
    QString sha256;
    // The desk's sync position when the copy was taken (meta): what a restore brings back.
    qint64 deskSeq = 0;
    qint64 pendingOperations = 0;
    qint64 pullCursor = 0;
    QString serverUrl;
    QString serverEpoch;
    QList<TableRows> counts;

    QJsonObject toJson() const;
    static std::optional<Manifest> fromJson(const QJsonObject &o);
    qint64 rowsOf(const QString &table) const;
};

// Called with (done, total) pages or bytes; return false to cancel.
using Progress = std::function<bool(qint64 done, qint64 total)>;

QString manifestPath(const QString &backupFile); // FILE + ".json"

// Copies the desk at dbPath to outFile (and outFile.json), verified; replaces an existing outFile
// only once the new copy is complete and verified (written beside it, then renamed).
Result<Manifest> backup(const QString &dbPath, const QString &outFile,
                        const QString &kind = QStringLiteral("manual"),
                        const Progress &progress = {});

// Checks a backup on its own: its manifest, size and SHA-256 (flipped bytes, a truncated file, a file
// swapped for another), SQLite's integrity_check, a schema version this program reads, exactly the
// tables, indexes and triggers of that version (a crafted file is refused), the desk id and the row
// counts the manifest records. ErrorKind::Invalid with one Issue per problem (field: the file name,
// rule: backup.*); ErrorKind::Io when the file cannot be read at all.
Result<Manifest> verify(const QString &backupFile, const Progress &progress = {});

struct RestoreOptions
{
    // Restore a backup whose desk id differs from the desk file's (a desk moved to a new PC, or a
    // desk that re-registered since): refused without it.
    bool allowOtherDesk = false;
    Progress progress = {};
};

struct RestoreResult
{
    Manifest manifest; // of the backup restored
    QString keptAside; // where the desk file was before (empty when there was none)
    QString previousDeskId;
};

// Verifies the backup, then (only if every check passes) keeps the current desk file aside
// (dbPath.before-restore-TIMESTAMP, with its -wal) and copies the backup into the desk file, in one
// SQLite transaction, under an exclusive lock: refused while another program has the desk open.
// On any refusal or failure the desk file is as it was.
Result<RestoreResult> restore(const QString &backupFile, const QString &dbPath,
                              const RestoreOptions &options = {});

// ---- automatic backups ----------------------------------------------------------------------

// <folder of the desk>/backups
QString defaultFolder(const QString &dbPath);

struct Entry
{
    QString path;
    qint64 bytes = 0;
    QDateTime created; // from the manifest (or the file name when it is unreadable), local time
    std::optional<Manifest> manifest;
};

// The backups in `folder` (desk-*.sqlite), newest first.
QList<Entry> list(const QString &folder);

// Which of `entries` the rotation removes: it keeps the newest backup of each of the `daily` most
// recent days that have one, and the newest of each of the `weekly` most recent ISO weeks.
QStringList rotationVictims(const QList<Entry> &entries, int daily = 7, int weekly = 4);

// The newest backup in `folder` holds the desk as it is now (same desk, operations, pull cursor and
// row counts): a backup when the window closes is then not needed.
bool upToDate(const QString &dbPath, const QString &folder);

// No backup of today (local time) in `folder` yet.
bool dailyDue(const QString &folder, const QDateTime &now = QDateTime::currentDateTime());

struct AutomaticResult
{
    Manifest manifest;
    QString file;
    QStringList removed; // by the rotation
    QString copiedTo;    // the copy in the second folder
    QString copyProblem; // why the second copy failed (the backup itself is good)
};

// A backup into `folder` named desk-YYYYMMDD-HHMMSS.sqlite, verified, then the rotation; then a copy
// to `secondFolder` when given (a network share, a USB disk), checked against the SHA-256, rotated
// there too.
Result<AutomaticResult> automatic(const QString &dbPath, const QString &folder, const QString &kind,
                                  const QString &secondFolder = {}, const Progress &progress = {});

// ---- restore at the next start (the window cannot restore the file it has open) -----------------

// Verifies the backup now and records the request beside the desk (dbPath.restore-request.json).
Status requestRestore(const QString &dbPath, const QString &backupFile,
                      const Progress &progress = {});
std::optional<QString> pendingRestore(const QString &dbPath);
void cancelRestoreRequest(const QString &dbPath);
// Runs a recorded request (and removes it, whatever the outcome); nullopt when there is none.
std::optional<Result<RestoreResult>> applyPendingRestore(const QString &dbPath);

} // namespace Relais::DeskBackup
