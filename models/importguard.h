#pragma once
// A long import commits in chunks (so that a clerk's save, the sync engine and other desks'
// connections wait a few hundred milliseconds at most, never the whole import), yet the user sees
// it all or nothing: what a failed, cancelled or dead import wrote is taken back, and none of it
// reaches the server before the import is complete.
//
// How: the import registers itself before its first chunk — `meta.import_running` holds its id and
// the first desk sequence number it may use — and holds a lock file next to the database
// (`<db>.import.lock`, QLockFile) for its whole run, so that any process can tell a live import
// from a dead one. Its outbox operations carry its id (outbox.import_id). While the meta entry is
// there, Outbox::pendingBatch() sends nothing numbered at or after that first number (a clerk's
// saves made meanwhile are numbered between the import's, and the server wants gap-free numbers).
// The entry goes in the import's last chunk; the next sync round then sends everything in order.
//
// Undo (failure, cancel, or recovery of a dead import: the entry is there and nobody holds the
// lock): the import's rows go with their audit entries, their operations and any operation queued
// on them meanwhile (a clerk's edit of an imported subscriber; a subscription made for one, with its
// holds and complaints), a chunk per transaction; then the operations queued after the import's
// first number are renumbered without a gap (none was sent: the engine held them back) and the
// desk's counter follows. Search index entries go with the rows (triggers).

#include "result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

class QLockFile;

namespace Relais {

struct RunningImport
{
    QString id;
    qint64 firstSeq = 0; // the first desk sequence number the import may have used
    QString startedAt;
    QString file;
};

// What an undo took back.
struct ImportUndone
{
    qint64 rows = 0;       // imported rows removed
    qint64 operations = 0; // outbox operations removed (the import's and those queued on its rows)
    qint64 renumbered = 0; // later operations moved down to close the gap
};

class ImportGuard final
{
public:
    ImportGuard(QSqlDatabase db, QString dbPath);
    ~ImportGuard(); // releases the lock (the meta entry stays unless finished or undone)
    ImportGuard(const ImportGuard &) = delete;
    ImportGuard &operator=(const ImportGuard &) = delete;

    static QString lockPath(const QString &dbPath);
    static std::optional<RunningImport> running(QSqlDatabase db);

    // Takes the lock (waiting up to `waitMs` for a recovery that holds it; another live import
    // makes it fail with "import.running"), takes back a dead import's leftovers, and registers
    // this import in a transaction of its own.
    Status begin(const QString &file, int waitMs = 3000);
    const RunningImport &info() const { return m_info; }
    // Inside the import's last transaction: the import is complete, its operations may leave.
    Status finishInTransaction();
    // Takes back everything this import wrote (after a failure or a cancel).
    Result<ImportUndone> undo(int chunkRows = 2000);

    // An import that died (its meta entry is there, nobody holds its lock) is taken back; a live
    // one is left alone. Called when the sync engine starts a round and when an import starts.
    static Result<ImportUndone> recover(QSqlDatabase db, const QString &dbPath);
    // Takes back `import` (the caller holds its lock). Each chunk is a transaction; the meta entry
    // goes in the last, so an undo stopped half way (a crash) is finished by the next recovery.
    static Result<ImportUndone> undo(QSqlDatabase db, const RunningImport &import,
                                     int chunkRows = 2000);

private:
    QSqlDatabase m_db;
    QString m_dbPath;
    std::unique_ptr<QLockFile> m_lock;
    RunningImport m_info;
    bool m_finished = false;
};

} // namespace Relais
