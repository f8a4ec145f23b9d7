#pragma once
// The HTTP side of relais-server: one dispatcher for /api/v1/, synchronous handlers, the body-size
// limit Qt HttpServer 6.4 lacks, token checks and role checks before any handler runs, problem+json
// errors, one log line per request, and the WebSocket channel that announces new global sequence
// numbers. It serves on a QTcpServer the caller binds (bind(), not listen()).

#include "loginthrottle.h"
#include "notifychannel.h"
#include "policy.h"
#include "serverstore.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace Relais::Server {

class Notifier;

struct ServerConfig
{
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    int tokenTtlSeconds = 12 * 3600;
    int loginMaxFailures = 5; // per user name and address (then delays for the name alone)
    int loginMaxFailuresPerAddress = 50; // per client address (many clerks share an office NAT)
    int loginLockoutSeconds = 300;
    int loginMaxNameDelaySeconds = 60;
    int maxSessionsPerUser = 20;
    int passwordThreads = 1;   // Argon2id checks at once (each takes 64 MiB); 0: on the main thread
    int maxPendingLogins = 32; // checks waiting or running; beyond, 503
    int pruneIntervalSeconds = 600; // expired sessions and old throttle rows go this often
    ChannelLimits channel;
    QString backupDir; // where admin/backup writes; empty: backups over HTTP are off
};

inline constexpr int MaxImportRows = 20000;

// Reads the "rows" of a bulk import or a reseed: [{"entity": T, "row": {"id": UUID, column: value,
// ...}}]. A row's rev, updated_at and updated_by (as bulk/export and snapshots give them) are
// ignored. Issues name rows[i].row.column; `firstLine` numbers the rows in the outcome. More than
// MaxImportRows rows is one issue and no rows.
QList<ImportRow> readImportRows(const QJsonArray &rows, const QString &path, int firstLine,
                                Issues *issues);
// The answer to an import: 200 with counts, or 422 listing every refused row (nothing written).
QJsonObject importOutcomeJson(const ImportOutcome &out, bool dryRun);

// What a handler answers: a status and a JSON body (a problem when status >= 400).
struct Reply
{
    int status = 200;
    QJsonObject body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    bool empty = false;    // 204
    QByteArray raw;        // a body already encoded (large pages); used instead of `body` when set
    bool deferred = false; // answered later (a login whose password is being checked)
};

// A QTcpServer whose connections have TCP_NODELAY set before Qt HttpServer sees them. Qt HttpServer
// 6.4 writes a response in several writes when the body is large; with Nagle's algorithm the kernel
// then holds each small tail segment until the client acknowledges the previous one, and a client
// that delays its ACKs (Linux: up to 40 ms) stalls every such request. Bind ApiServer to this.
class NoDelayTcpServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};

class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(ServerStore &store, Notifier &notifier, ServerConfig config,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Announces a new head to the desks of `publisherId` holding the notification channel.
    void announce(const QString &publisherId, qint64 head);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Context
    {
        const QHttpServerRequest &request;
        std::optional<Session> session;
        QByteArray tokenHash;
        QTcpSocket *socket = nullptr;
        QString route;
    };
    using Handler = std::function<Reply(ApiServer *, Context &)>;

    Reply dispatch(const QHttpServerRequest &request, QTcpSocket *socket, QString &userForLog,
                   QString &routeForLog);
    Result<std::optional<Session>> authenticate(const QHttpServerRequest &request,
                                                QByteArray &tokenHash, Reply &refusal);
    void respond(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply);

    Reply health(Context &ctx);
    Reply login(Context &ctx);
    Reply logout(Context &ctx);
    Reply me(Context &ctx);
    Reply push(Context &ctx);
    Reply pull(Context &ctx);
    Reply snapshot(Context &ctx);
    Reply checksums(Context &ctx);
    Reply lease(Context &ctx);
    Reply deskStatus(Context &ctx); // deskroutes.cpp
    Reply adminDesks(Context &ctx);
    Reply notifyWithoutUpgrade(Context &ctx);
    Reply adminUsers(Context &ctx);
    Reply adminAddUser(Context &ctx);
    Reply adminDisableUser(Context &ctx);
    Reply bulkExport(Context &ctx);
    Reply bulkImport(Context &ctx);
    Reply adminBackup(Context &ctx);
    Reply adminBackups(Context &ctx);
    Reply adminRestore(Context &ctx);
    Reply adminReseed(Context &ctx);
    Reply importReply(const Caller &caller, const ImportRequest &request);
    // The second half of a login, once its password was checked on a worker thread.
    void finishLogin(QPointer<QTcpSocket> socket, QTcpSocket *key,
                     const QHttpServerRequest *request, const LoginKeys &keys,
                     std::optional<User> user, bool good, const QString &route,
                     QElapsedTimer timer);
    Reply loginOutcome(const LoginKeys &keys, const std::optional<User> &user, bool good);
    void prune();

    void acceptWebSocket();

    ServerStore &m_store;
    Notifier &m_notifier;
    ServerConfig m_config;
    QHash<QString, QHash<QByteArray, Handler>> m_routes; // path -> method -> handler
    LoginSettings m_login;
    std::unique_ptr<NotifyChannel> m_channel;
    // Connections whose answer (a login) is on its way. The QPointer tells a live entry from one
    // whose socket is gone (a new socket may come at the same address).
    QHash<QTcpSocket *, QPointer<QTcpSocket>> m_deferred;
    QTimer m_prune;
    PasswordChecker m_checker; // last: destroyed first, waiting for checks under way
};

Reply problemReply(int status, const QString &code, const QString &title,
                   const QString &detail = {}, const Issues &issues = {});

} // namespace Relais::Server
