#pragma once
// What the desk-and-server suites (tst_desk_sync, tst_continuity, tst_import_sync) share: the
// engine's tuning for tests, a login, one round, and the comparison of a desk with the server
// table by table (the checksums of models/protocol/checksum.h, as `relaisctl check --sync`).

#include "messages.h"
#include "serverharness.h"
#include "syncengine.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QUrl>

#include <memory>

namespace Relais::Test {

class Http;

// A relais-server for the desk-and-server suites: a fresh database (SQLite, or PostgreSQL under
// tests/server/run-with-postgres.sh) with the publisher OUEST, a clerk "clerk" and a supervisor
// "super" of it (password in `passwordFile`), started with `serveArgs`; the supervisor logged in.
struct SyncServer
{
    QString db;
    ServerProcess process;
    std::unique_ptr<Http> http;
    QByteArray supervisor; // the supervisor's token

    bool make(const QString &name, const QString &passwordFile, const QString &password,
              const QStringList &serveArgs = {});
    // The same database in a new process (after stop() or kill()); the supervisor logged in again.
    bool restart(const QString &password, const QStringList &serveArgs = {});
    void stop();
};

// Short backoffs and debounces; no polling (the notify channel or the test starts rounds); a
// lease large enough for bulk tests (the server refuses numbers outside a desk's blocks).
Sync::Engine::Tuning fastSyncTuning();

// Configures the engine for `server` and logs in as `user`; true once the server said yes.
bool loginEngine(Sync::Engine &engine, const QUrl &server, const QString &user,
                 const QString &password, int timeoutMs = 20000);

// One round (syncNow), or a receipt with outcome "timeout".
Sync::Receipt syncRound(Sync::Engine &engine, int timeoutMs = 120000);

// The server's checksums of the caller's publisher (empty, with a warning, on a failure).
QList<Protocol::TableSum> serverChecksums(Http &http, const QByteArray &token);

// Every change of the caller's publisher in the server's sequence, oldest first, every page of the
// pull (empty, with a warning, on a failure); and what the suites read from it.
QList<QJsonObject> serverChanges(Http &http, const QByteArray &token);
QHash<QString, int> changesPerRow(const QList<QJsonObject> &changes); // id -> how many changes
bool liveInChanges(const QList<QJsonObject> &changes,
                   const QString &id); // its last state is not deleted
int liveRowsInChanges(const QList<QJsonObject> &changes, const QString &entity);
// The last operation number of `deskId` the server holds (-1 when unknown).
qint64 serverDeskLastSeq(Http &http, const QByteArray &token, const QString &deskId);

// Empty when the desk holds what the server holds; otherwise one line per differing table.
QString checksumDisagreement(QSqlDatabase deskDb, const QList<Protocol::TableSum> &server);

} // namespace Relais::Test
