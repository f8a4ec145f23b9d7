#pragma once
// The inbound path: rows pulled from the server (changes of the global sequence) or read from a
// snapshot (a new desk's bootstrap), written to the desk's tables together with the cursor that
// says how far the desk got — one transaction per page, so an interruption loses nothing and
// repeats nothing. No audit, no outbox entry: these changes come from elsewhere.
//
// Two rules keep a clerk's own work on screen: a column that a local operation still holds
// (queued, rejected, or waiting in a conflict) is never overwritten; and a pulled change numbered
// below the row's rev (the number this desk's own applied change got) is older than what the desk
// shows and is skipped — the whole row comes again with the later change.

#include "database.h"
#include "protocol.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>
#include <span>

struct sqlite3;
struct sqlite3_stmt;

namespace Relais {

class Outbox;

// A value as the desk's upsert binds it: null, a whole number, or UTF-8 text.
struct BoundValue
{
    enum class Kind : quint8 { Null, Integer, Text };
    Kind kind = Kind::Null;
    qint64 integer = 0;
    QByteArray text;
};

struct InboundRow
{
    QString entity;
    QString id;
    qint64 seq = 0; // the change's number (pull) or the row's rev (snapshot)
    QJsonObject row;
    // The row's values as the upsert binds them, made ahead on another thread by
    // Inbound::prepareWhole (a first copy); empty: made when the row is written.
    QList<BoundValue> bound = {};
};

struct AppliedPage
{
    int written = 0;    // rows inserted or updated
    int skipped = 0;    // older than what the desk holds, or a tombstone of a row it never had
    int held = 0;       // rows of which some columns were kept for a local operation
    QStringList tables; // tables touched (for the views to refresh)
};

class Inbound final
{
public:
    explicit Inbound(QSqlDatabase db);
    ~Inbound();
    Inbound(const Inbound &) = delete;
    Inbound &operator=(const Inbound &) = delete;

    // A pull page: rows and the new cursor in one transaction.
    Result<AppliedPage> applyPullPage(const QList<InboundRow> &rows, qint64 nextCursor);
    // A snapshot page: rows and the bootstrap position (the next table and id to ask for; an
    // empty table when the snapshot is complete, then the pull cursor is set to `head`).
    Result<AppliedPage> applySnapshotPage(const QList<InboundRow> &rows, const QString &nextTable,
                                          const QString &nextAfter, qint64 head);
    // The same page written in slices, in one transaction kept open between them, so that the
    // thread writing it can serve its event loop meanwhile (the sync engine reads the next page's
    // answer while this one is written): beginSnapshotPage (`last`: the snapshot's last page,
    // committed with synchronous=FULL), writeSnapshotSlice as often as needed, endSnapshotPage
    // with the whole page. A page dropped half way (abandonSnapshotPage, an error, or this object
    // destroyed) is rolled back whole; nothing else may use the connection's transactions meanwhile.
    Status beginSnapshotPage(bool last);
    Status writeSnapshotSlice(std::span<const InboundRow> rows);
    Result<AppliedPage> endSnapshotPage(const QList<InboundRow> &rows, const QString &nextTable,
                                        const QString &nextAfter, qint64 head);
    void abandonSnapshotPage();
    bool inSnapshotPage() const { return m_pageTx.has_value(); }

    // Pulled rows kept aside because a local operation held some of their columns are applied
    // again (by the usual rules) once nothing holds them: after a push's answer, a clerk's choice.
    // In its own transaction. Returns how many were applied.
    Result<int> applyDeferred();
    // Rows of the synced tables on this desk (a first copy going on: how far it got).
    qint64 syncedRowCount();

    // A first copy into an empty desk builds the secondary indexes of the big tables once, at
    // the end, rather than row by row (about a third of the copy's time at 1,000,000
    // subscribers); their definitions wait in meta meanwhile. A desk opened while they are away
    // (a copy interrupted by a crash) gets them back at once: called by Database::open. The
    // search index of the subscribers copied is built the same way (SyncKey::SearchAfter).
    static Status restoreDeferredIndexes(QSqlDatabase &db);

    // Makes row.bound when the row carries every column of its table with values of the right
    // types (what the upsert of a whole row binds); false, leaving it empty, otherwise (the
    // write then takes the general path, or reports the wrong value). No database: any thread.
    static bool prepareWhole(InboundRow &row);

    // Writes one row as the server holds it, columns held by a local operation excepted (a clerk
    // keeping the server's side of a conflict, a withdrawn rejection). Inside the caller's
    // transaction.
    Status adoptRow(const InboundRow &row);

private:
    Result<AppliedPage> applyRows(std::span<const InboundRow> rows, bool snapshot);
    Result<AppliedPage> applyRowsIndexedAtEnd(std::span<const InboundRow> rows);
    // 1 written, 0 skipped. `adopt`: the given columns only, whatever the row's rev, which stays.
    Result<int> applyRow(const InboundRow &row, Outbox *outbox, bool *held, bool adopt);

    // A row carrying every column of its table, with nothing held on the desk: one upsert
    // prepared once per table and page, values bound straight from the JSON (no QVariant, no SQL
    // text per row). std::nullopt: a column is missing, the general path writes the row.
    std::optional<Result<int>> upsertWhole(const Protocol::Table &table, const InboundRow &row);
    // The next commits with synchronous=NORMAL (true) or FULL again (false); false when not
    // changed (inside a transaction, or the statement failed). See applyPullPage.
    bool relaxSync(bool relaxed);
    Result<AppliedPage> finishSnapshotPage(const QList<InboundRow> &rows, const QString &nextTable,
                                           const QString &nextAfter, qint64 head);
    sqlite3 *handle();

    QSqlQuery &statement(const QString &sql); // prepared once per page, not once per row
    static Error uniqueFailure(const InboundRow &row);
    bool yieldNumber(const InboundRow &row); // see inbound.cpp

    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    QHash<QString, sqlite3_stmt *> m_upserts;
    sqlite3 *m_handle = nullptr;
    int m_syncLevel = -1; // the connection's synchronous level while relaxSync(true) holds
    // The snapshot page being written (beginSnapshotPage .. endSnapshotPage).
    std::optional<Transaction> m_pageTx;
    bool m_pageRelaxed = false;
    bool m_pageFirst = false;
    bool m_pageIndexesSearch = false;
    AppliedPage m_page;
    QSet<QString> m_pageTables;
};

// The meta keys the sync engine keeps its place with.
namespace SyncKey {
inline constexpr const char *ServerUrl = "server_url";
inline constexpr const char *ServerUser = "server_user";
inline constexpr const char *ServerEpoch = "server_epoch";
inline constexpr const char *PullCursor = "pull_cursor";
inline constexpr const char
    *BootstrapTable = "bootstrap_table"; // next snapshot table ("" = not started)
inline constexpr const char *BootstrapAfter = "bootstrap_after";
inline constexpr const char *BootstrapHead = "bootstrap_head";
inline constexpr const char
    *BootstrapDone = "bootstrap_done";                       // "1" once the snapshot was read whole
inline constexpr const char *Registered = "sync_registered"; // "1" after the first round
inline constexpr const char *ServerHead = "server_head";
inline constexpr const char *LastSyncAt = "last_sync_at";
inline constexpr const char *ServerPublisherId = "server_publisher_id";
inline constexpr const char
    *DeferredIndexes = "bootstrap_deferred_indexes"; // JSON array of CREATE INDEX
// The highest subscriber seq the search index held when a first copy began: those above it are
// indexed in one statement at the copy's end (migrations step 10).
inline constexpr const char *SearchAfter = "bootstrap_search_after";
} // namespace SyncKey

} // namespace Relais
