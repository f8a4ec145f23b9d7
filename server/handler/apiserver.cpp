#include "apiserver.h"

#include "notifier.h"
#include "passwords.h"
#include "requestlimits.h"
#include "messages.h"
#include "protocol.h"

#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcHttp, "relais.server.http")

namespace Relais::Server {

using namespace Protocol;

namespace {

const QString kPrefix = QStringLiteral("/api/v1/");

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Server::Api", text);
}

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

Reply ok(QJsonObject body)
{
    Reply r;
    r.body = std::move(body);
    return r;
}

Reply invalidReply(const Error &e)
{
    if (e.code == u"json.malformed" || e.code == u"json.not_object")
        return problemReply(400, e.code, tr("Malformed request"), e.message);
    return problemReply(400, QStringLiteral("request.invalid"), tr("Invalid request"), e.message, e.issues);
}

Reply storageReply(const Error &e)
{
    qCWarning(lcHttp) << "store error:" << e.code << e.message;
    return problemReply(500, QStringLiteral("server.storage"), tr("The server could not complete the request"),
                        tr("The database refused the operation; nothing was changed."));
}

// Query parameters: only the known ones, integers written plainly and within range.
class QueryReader
{
public:
    QueryReader(const QUrlQuery &q, Issues *issues) : m_issues(issues)
    {
        for (const auto &[k, v] : q.queryItems(QUrl::FullyDecoded)) {
            if (m_items.contains(k))
                issues->append(Issue{k, QStringLiteral("param.repeated"), tr("This parameter is given twice.")});
            m_items.insert(k, v);
        }
    }
    std::optional<qint64> integer(const QString &key, qint64 min, qint64 max, qint64 fallback)
    {
        m_seen << key;
        if (!m_items.contains(key))
            return fallback;
        const QString v = m_items.value(key);
        bool okNumber = !v.isEmpty() && v.size() <= 16;
        for (QChar c : v)
            okNumber = okNumber && c.isDigit() && c.unicode() < 128;
        const qint64 n = okNumber ? v.toLongLong(&okNumber) : 0;
        if (!okNumber || n < min || n > max) {
            m_issues->append(Issue{key, QStringLiteral("param.range"),
                                   tr("This parameter is a whole number from %1 to %2.").arg(min).arg(max)});
            return std::nullopt;
        }
        return n;
    }
    QString text(const QString &key)
    {
        m_seen << key;
        return m_items.value(key);
    }
    void rejectUnknown()
    {
        for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
            if (!m_seen.contains(it.key()))
                m_issues->append(Issue{it.key(), QStringLiteral("param.unknown"), tr("Unknown parameter.")});
    }

private:
    QHash<QString, QString> m_items;
    QSet<QString> m_seen;
    Issues *m_issues;
};

// The cursor of the next snapshot page: {"table": T, "after": ID}, or null when done.
void appendNextPage(QByteArray &out, const SnapshotPage &page)
{
    if (page.nextTable.isEmpty()) {
        out += "null";
        return;
    }
    out += "{\"table\":";
    JsonText::appendString(out, page.nextTable);
    if (!page.nextAfter.isEmpty()) {
        out += ",\"after\":";
        JsonText::appendString(out, page.nextAfter);
    }
    out += '}';
}

QJsonObject publisherJson(const PublisherInfo &p)
{
    return {{QStringLiteral("id"), p.id}, {QStringLiteral("code"), p.code}, {QStringLiteral("name"), p.name}};
}

void logRequest(const QString &user, const QString &route, int status, double ms, const QString &peer)
{
    qCInfo(lcHttp).noquote() << QString(isoUtc(QDateTime::currentDateTimeUtc()) + QStringLiteral(" user=") + user
                                        + QStringLiteral(" route=\"") + route + QStringLiteral("\" status=")
                                        + QString::number(status) + QStringLiteral(" ms=")
                                        + QString::number(ms, 'f', 1) + QStringLiteral(" peer=") + peer);
}

// The client's address for login throttling (see clientAddressOf()).
QString clientAddress(const QHttpServerRequest &request)
{
    return clientAddressOf(request.remoteAddress(), request.value("X-Real-IP"));
}

Caller callerOf(const Session &s)
{
    return Caller{s.user.name, s.user.role, s.user.publisher.id};
}

} // namespace

Reply problemReply(int status, const QString &code, const QString &title, const QString &detail,
                   const Issues &issues)
{
    Reply r;
    r.status = status;
    r.body = problem(status, code, title, detail, issues);
    return r;
}

void NoDelayTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttp) << "cannot take a connection:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    addPendingConnection(socket);
}

ApiServer::ApiServer(ServerStore &store, Notifier &notifier, ServerConfig config, QObject *parent)
    : QAbstractHttpServer(parent), m_store(store), m_notifier(notifier), m_config(config),
      m_checker(config.passwordThreads, config.maxPendingLogins)
{
    m_login.maxPerUserAddress = config.loginMaxFailures;
    m_login.maxPerAddress = config.loginMaxFailuresPerAddress;
    m_login.lockoutSeconds = config.loginLockoutSeconds;
    m_login.maxNameDelaySeconds = config.loginMaxNameDelaySeconds;
    m_login.maxSessionsPerUser = config.maxSessionsPerUser;
    m_channel = std::make_unique<NotifyChannel>(
        store, config.channel,
        [](const QString &user, const QString &route, int status, const QString &peer) {
            logRequest(user, route, status, 0, peer);
        },
        this);
    const auto add = [this](const char *method, const char *path, Reply (ApiServer::*fn)(Context &)) {
        const QString p = QString::fromLatin1(path);
        // Fail closed: a route without an entry in the policy table is a programming error.
        Q_ASSERT(Policy::accessOf(method, p).has_value());
        if (!Policy::accessOf(method, p))
            qFatal("route %s %s has no access policy", method, path);
        m_routes[p].insert(method, [fn](ApiServer *self, Context &ctx) { return (self->*fn)(ctx); });
    };
    add("GET", "health", &ApiServer::health);
    add("POST", "login", &ApiServer::login);
    add("POST", "logout", &ApiServer::logout);
    add("GET", "me", &ApiServer::me);
    add("POST", "sync/push", &ApiServer::push);
    add("GET", "sync/pull", &ApiServer::pull);
    add("GET", "sync/snapshot", &ApiServer::snapshot);
    add("GET", "sync/checksums", &ApiServer::checksums);
    add("POST", "numbers/lease", &ApiServer::lease);
    add("GET", "sync/notify", &ApiServer::notifyWithoutUpgrade);
    add("GET", "admin/users", &ApiServer::adminUsers);
    add("POST", "admin/users", &ApiServer::adminAddUser);
    add("POST", "admin/users/disable", &ApiServer::adminDisableUser);
    add("GET", "bulk/export", &ApiServer::bulkExport);
    add("POST", "bulk/import", &ApiServer::bulkImport);
    add("POST", "admin/backup", &ApiServer::adminBackup);
    add("GET", "admin/backups", &ApiServer::adminBackups);
    add("POST", "admin/restore", &ApiServer::adminRestore);
    add("POST", "admin/reseed", &ApiServer::adminReseed);

    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &ApiServer::acceptWebSocket);
    connect(&m_notifier, &Notifier::headChanged, this, &ApiServer::announce);
    connect(&m_prune, &QTimer::timeout, this, &ApiServer::prune);
    m_prune.start(qMax(1, config.pruneIntervalSeconds) * 1000);
    QTimer::singleShot(0, this, &ApiServer::prune);
}

void ApiServer::prune()
{
    // Expired sessions and throttle rows nobody needs: the tables stay the size of what is live.
    auto n = m_store.prune(QDateTime::currentDateTimeUtc(), m_login.lockoutSeconds, m_login.knownAddressDays);
    if (!n)
        qCWarning(lcHttp) << "pruning failed:" << n.error().message;
    else if (*n > 0)
        qCInfo(lcHttp) << "pruned" << *n << "expired sessions and old login counts";
}

ApiServer::~ApiServer() = default;

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt HttpServer 6.4 offers a WebSocket upgrade to this handler first and performs it afterwards:
    // answering here would put an HTTP response in front of the 101. The channel is checked (path,
    // token) once the socket arrives in acceptWebSocket().
    if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        return true;
    if (const auto pending = m_deferred.constFind(socket); pending != m_deferred.cend()) {
        if (pending.value() == socket) {
            // A request sent behind a login still being answered (pipelining): the answers would
            // come out of order. The connection is closed; the login's answer is dropped with it.
            socket->abort();
            return true;
        }
        m_deferred.erase(pending); // left by a socket that is gone
    }
    QElapsedTimer timer;
    timer.start();
    QString user = QStringLiteral("-");
    QString route;
    const Reply reply = dispatch(request, socket, user, route);
    if (reply.deferred)
        return true; // answered and logged by finishLogin()
    respond(request, socket, reply);
    // One line per request; never the body, a token or a password.
    logRequest(user, route, reply.status, double(timer.nsecsElapsed()) / 1e6, clientAddress(request));
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    respond(request, socket, problemReply(404, QStringLiteral("route.unknown"), tr("No such route")));
}

void ApiServer::respond(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    const QByteArray body = reply.empty           ? QByteArray()
                            : !reply.raw.isEmpty() ? reply.raw
                                                   : QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    if (!reply.empty)
        responder.writeHeader("Content-Type", reply.status >= 400 ? "application/problem+json"
                                                                  : "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[k, v] : reply.headers)
        responder.writeHeader(k, v);
    responder.writeBody(body);
}

Result<std::optional<Session>> ApiServer::authenticate(const QHttpServerRequest &request, QByteArray &tokenHash,
                                                       Reply &refusal)
{
    const QByteArray header = request.value("Authorization");
    if (header.isEmpty()) {
        refusal = problemReply(401, QStringLiteral("auth.missing"), tr("Authentication required"),
                               tr("Send Authorization: Bearer TOKEN (from POST /api/v1/login)."));
        refusal.headers << std::pair{QByteArray("WWW-Authenticate"), QByteArray("Bearer")};
        return std::optional<Session>();
    }
    const QByteArray token = header.startsWith("Bearer ") ? header.mid(7).trimmed() : QByteArray();
    if (!Auth::looksLikeToken(token)) {
        refusal = problemReply(401, QStringLiteral("auth.malformed"), tr("Malformed credentials"),
                               tr("The Authorization header is not a Bearer token."));
        refusal.headers << std::pair{QByteArray("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\"")};
        return std::optional<Session>();
    }
    tokenHash = Auth::tokenHash(token);
    auto s = m_store.session(tokenHash, QDateTime::currentDateTimeUtc());
    if (!s)
        return s.error();
    if (!s->has_value()) {
        refusal = problemReply(401, QStringLiteral("auth.invalid"), tr("Invalid or expired token"),
                               tr("Log in again."));
        refusal.headers << std::pair{QByteArray("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\"")};
    }
    return *s;
}

Reply ApiServer::dispatch(const QHttpServerRequest &request, QTcpSocket *socket, QString &userForLog,
                          QString &routeForLog)
{
    const QByteArray method = methodName(request.method());
    const QString fullPath = request.url().path();
    routeForLog = QString::fromLatin1(method) + u' ' + fullPath;
    if (!fullPath.startsWith(kPrefix))
        return problemReply(404, QStringLiteral("route.unknown"), tr("No such route"));
    const QString path = fullPath.mid(kPrefix.size());
    const auto route = m_routes.constFind(path);
    if (route == m_routes.constEnd())
        return problemReply(404, QStringLiteral("route.unknown"), tr("No such route"));
    const auto handler = route->constFind(method);
    if (handler == route->constEnd()) {
        Reply r = problemReply(405, QStringLiteral("method.not_allowed"), tr("Method not allowed"));
        r.headers << std::pair{QByteArray("Allow"), route->keys().join(", ")};
        return r;
    }
    if (request.body().size() > m_config.maxBodyBytes)
        return problemReply(413, QStringLiteral("body.too_large"), tr("Request body too large"),
                            tr("At most %1 bytes.").arg(m_config.maxBodyBytes));

    // Nesting is limited before any parser sees the body.
    if (jsonDepth(request.body()) > MaxJsonDepth)
        return problemReply(400, QStringLiteral("json.too_deep"), tr("Malformed request"),
                            tr("The body nests objects and arrays more than %1 deep.").arg(MaxJsonDepth));

    Context ctx{request, std::nullopt, {}, socket, routeForLog};
    const Policy::Access access = *Policy::accessOf(method, path);
    if (access != Policy::Access::Public) {
        Reply refusal;
        auto session = authenticate(request, ctx.tokenHash, refusal);
        if (!session)
            return storageReply(session.error());
        if (!session->has_value())
            return refusal;
        ctx.session = **session;
        userForLog = ctx.session->user.name;
        if (!Policy::allows(ctx.session->user.role, access))
            return problemReply(403, QStringLiteral("role.insufficient"), tr("Not allowed for your role"),
                                tr("This route needs the %1 role.")
                                    .arg(access == Policy::Access::Admin ? QStringLiteral("admin")
                                                                         : QStringLiteral("supervisor")));
    }
    return (*handler)(this, ctx);
}

// ---- routes ------------------------------------------------------------------------------------

Reply ApiServer::health(Context &)
{
    auto ep = m_store.epoch();
    if (!ep)
        return problemReply(503, QStringLiteral("server.unavailable"), tr("The database is not available"));
    return ok({{QStringLiteral("status"), QStringLiteral("ok")},
               {QStringLiteral("api"), ApiVersion},
               {QStringLiteral("engine"), m_store.engine()},
               {QStringLiteral("epoch"), *ep}});
}

Reply ApiServer::login(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("username"));
    const QString password = r.string(QStringLiteral("password"));
    r.rejectUnknown();
    if (name.size() > 200 || password.size() > 1024)
        issues << Issue{QStringLiteral("username"), QStringLiteral("field.too_long"), tr("Too long.")};
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const LoginKeys keys = LoginKeys::of(name, clientAddress(ctx.request));
    auto rows = m_store.loginThrottles(keys.all());
    if (!rows)
        return storageReply(rows.error());
    // Refused before the password is looked at: a throttled guess costs the server nothing.
    if (const qint64 wait = loginWait(m_login, keys, *rows, now); wait > 0) {
        Reply reply = problemReply(429, QStringLiteral("auth.throttled"), tr("Too many failed logins"),
                                   tr("Try again later."));
        reply.headers << std::pair{QByteArray("Retry-After"), QByteArray::number(wait)};
        return reply;
    }
    auto user = m_store.userByName(name);
    if (!user)
        return storageReply(user.error());
    const bool known = user->has_value() && !(*user)->disabled;
    // Verify even when the user is unknown, so that timing tells nothing about which names exist.
    // The check runs on a worker thread; this thread goes on serving the other desks meanwhile.
    const QString hash = known ? (*user)->passwordHash : Auth::decoyHash();
    QPointer<QTcpSocket> socket(ctx.socket);
    QTcpSocket *const key = ctx.socket;
    const QHttpServerRequest *request = &ctx.request;
    QElapsedTimer timer;
    timer.start();
    const std::optional<User> found = known ? *user : std::optional<User>();
    const QString route = ctx.route;
    if (m_config.passwordThreads == 0) // checked here, holding up every other request (for comparison)
        return loginOutcome(keys, found, Auth::verifyPassword(hash, password) && known);
    const bool queued = m_checker.submit(hash, password, this, [=, this](bool good) {
        finishLogin(socket, key, request, keys, found, good && known, route, timer);
    });
    if (!queued) {
        Reply reply = problemReply(503, QStringLiteral("auth.busy"), tr("Too many logins at once"),
                                   tr("Try again in a moment."));
        reply.headers << std::pair{QByteArray("Retry-After"), QByteArray("1")};
        return reply;
    }
    if (ctx.socket)
        m_deferred.insert(ctx.socket, socket);
    Reply later;
    later.deferred = true;
    return later;
}

Reply ApiServer::loginOutcome(const LoginKeys &keys, const std::optional<User> &user, bool good)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!good || !user) {
        if (Status s = recordLoginFailure(m_store, m_login, keys, now); !s)
            return storageReply(s.error());
        return problemReply(401, QStringLiteral("auth.failed"), tr("Wrong user name or password"));
    }
    // Only this name's counts are cleared: one good login from a shared address must not wipe a
    // guessing run against other names from it.
    const QByteArray token = Auth::newToken();
    LoginSuccess success{{keys.userAddress, keys.user}, keys.known, Auth::tokenHash(token), user->id, now,
                         now.addSecs(m_config.tokenTtlSeconds), m_login.maxSessionsPerUser};
    if (Status s = m_store.completeLogin(success); !s)
        return storageReply(s.error());
    const PublisherInfo &p = user->publisher;
    return ok(LoginAnswer{QString::fromLatin1(token), isoUtc(success.expiresAt), roleCode(user->role), user->name,
                          p.id, p.code, p.name}
                  .toJson());
}

void ApiServer::finishLogin(QPointer<QTcpSocket> socket, QTcpSocket *key, const QHttpServerRequest *request,
                            const LoginKeys &keys, std::optional<User> user, bool good, const QString &route,
                            QElapsedTimer timer)
{
    // Recorded whether or not the client is still there: a guess that hung up still counts.
    const Reply reply = loginOutcome(keys, user, good);
    if (const auto pending = m_deferred.constFind(key); pending != m_deferred.cend() && pending.value() == socket)
        m_deferred.erase(pending);
    if (!socket)
        return;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    respond(*request, socket.data(), reply);
    logRequest(QStringLiteral("-"), route, reply.status, double(timer.nsecsElapsed()) / 1e6, clientAddress(*request));
}

Reply ApiServer::logout(Context &ctx)
{
    if (Status s = m_store.deleteSession(ctx.tokenHash); !s)
        return storageReply(s.error());
    m_channel->endSession(ctx.tokenHash);
    Reply r;
    r.status = 204;
    r.empty = true;
    return r;
}

Reply ApiServer::me(Context &ctx)
{
    auto ep = m_store.epoch();
    if (!ep)
        return storageReply(ep.error());
    const User &u = ctx.session->user;
    return ok({{QStringLiteral("username"), u.name},
               {QStringLiteral("role"), roleCode(u.role)},
               {QStringLiteral("publisher"), publisherJson(u.publisher)},
               {QStringLiteral("expires_at"), isoUtc(ctx.session->expiresAt)},
               {QStringLiteral("epoch"), *ep}});
}

Reply ApiServer::push(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    auto req = parsePushRequest(*body);
    if (!req)
        return invalidReply(req.error());
    for (const PushOperation &op : req->ops)
        if (op.override && !Policy::allows(ctx.session->user.role, Policy::accessOf(Policy::Capability::OverrideConflict)))
            return problemReply(403, QStringLiteral("role.insufficient"), tr("Not allowed for your role"),
                                tr("Only a supervisor may apply an operation over a conflict."));
    const Caller caller = callerOf(*ctx.session);
    auto out = m_store.push(caller, *req);
    if (!out) {
        const Error &e = out.error();
        if (e.code == QString::fromUtf16(PushError::DeskForbidden))
            return problemReply(403, e.code, tr("Desk of another publisher"), e.message);
        if (e.code == QString::fromUtf16(PushError::Gap) || e.code == QString::fromUtf16(PushError::SeqReused)
            || e.code == QString::fromUtf16(PushError::OpIdReused))
            return problemReply(409, e.code, tr("Push refused"), e.message);
        return storageReply(e);
    }
    if (out->advanced)
        m_notifier.committed(caller.publisherId, out->head);
    PushAnswer answer;
    answer.epoch = out->epoch;
    answer.epochStart = out->epochStart;
    answer.deskId = req->deskId;
    answer.lastSeq = out->lastSeq;
    answer.backupSeq = out->backupSeq;
    answer.head = out->head;
    answer.results = out->results;
    return ok(answer.toJson());
}

Reply ApiServer::pull(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    const auto since = q.integer(QStringLiteral("since"), 0, MaxSafeInteger, 0);
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxPullLimit, 1000);
    const QString deskId = q.text(QStringLiteral("desk_id"));
    q.rejectUnknown();
    if (!deskId.isEmpty() && !isUuid(deskId))
        issues << Issue{QStringLiteral("desk_id"), QStringLiteral("field.uuid"), tr("This field must be a UUID.")};
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    auto page = m_store.pull(callerOf(*ctx.session), *since, int(*limit), deskId.toLower());
    if (!page)
        return storageReply(page.error());
    // Built as text: the rows are stored JSON and pass through unchanged. The shape is PullAnswer's
    // (messages.h), which the server suites read back with PullAnswer::fromJson.
    QByteArray out;
    out.reserve(256 + page->changes.size() * 600);
    out += "{\"epoch\":";
    JsonText::appendString(out, page->epoch);
    out += ",\"epoch_start\":" + QByteArray::number(page->epochStart) + ",\"changes\":[";
    for (qsizetype i = 0; i < page->changes.size(); ++i) {
        const RawChange &c = page->changes.at(i);
        if (i > 0)
            out += ',';
        out += "{\"seq\":" + QByteArray::number(c.seq) + ",\"entity\":";
        JsonText::appendString(out, c.entity);
        out += ",\"id\":";
        JsonText::appendString(out, c.id);
        out += ",\"row\":" + c.rowJson + '}';
    }
    out += "],\"next\":" + QByteArray::number(page->next) + ",\"head\":" + QByteArray::number(page->head)
           + ",\"more\":" + (page->more ? "true" : "false");
    if (page->deskLastSeq >= 0)
        out += ",\"desk_last_seq\":" + QByteArray::number(page->deskLastSeq)
               + ",\"desk_backup_seq\":" + QByteArray::number(page->deskBackupSeq);
    out += '}';
    Reply r;
    r.raw = out;
    return r;
}

Reply ApiServer::snapshot(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    const QString table = q.text(QStringLiteral("table"));
    const QString after = q.text(QStringLiteral("after"));
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxSnapshotLimit, 5000);
    q.rejectUnknown();
    if (!table.isEmpty() && !tableByName(table))
        issues << Issue{QStringLiteral("table"), QStringLiteral("entity.unknown"), tr("Not a synced table.")};
    if (after.size() > 64)
        issues << Issue{QStringLiteral("after"), QStringLiteral("field.too_long"), tr("Too long.")};
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    auto page = m_store.snapshot(callerOf(*ctx.session), table, after, int(*limit));
    if (!page)
        return storageReply(page.error());
    QByteArray out;
    out.reserve(256 + page->rows.size() * 600);
    out += "{\"epoch\":";
    JsonText::appendString(out, page->epoch);
    out += ",\"table\":";
    JsonText::appendString(out, page->table);
    out += ",\"head\":" + QByteArray::number(page->head) + ",\"rows\":[";
    for (qsizetype i = 0; i < page->rows.size(); ++i) {
        if (i > 0)
            out += ',';
        out += page->rows.at(i);
    }
    out += "],\"next\":";
    appendNextPage(out, *page);
    out += '}';
    Reply r;
    r.raw = out;
    return r;
}

Reply ApiServer::checksums(Context &ctx)
{
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    q.rejectUnknown();
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    // Reads every row of the caller's publisher: seconds for a million subscribers, during which
    // this process answers nothing else (as a backup; see docs/server.md).
    auto sums = m_store.checksums(ctx.session->user.publisher.id);
    if (!sums)
        return storageReply(sums.error());
    return ok(sums->toJson());
}

Reply ApiServer::notifyWithoutUpgrade(Context &)
{
    // Reached only by a plain GET: the WebSocket upgrade itself never comes through dispatch().
    Reply r = problemReply(426, QStringLiteral("upgrade.required"), tr("WebSocket upgrade required"),
                           tr("Open this route as a WebSocket (Upgrade: websocket)."));
    r.headers << std::pair{QByteArray("Upgrade"), QByteArray("websocket")};
    return r;
}

Reply ApiServer::lease(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString deskId = r.uuid(QStringLiteral("desk_id"));
    const auto count = r.integer(QStringLiteral("count"), 1, MaxLeaseCount);
    r.rejectUnknown();
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    auto lease = m_store.leaseNumbers(callerOf(*ctx.session), deskId, int(*count));
    if (!lease) {
        if (lease.error().code == QString::fromUtf16(PushError::DeskForbidden))
            return problemReply(403, lease.error().code, tr("Desk of another publisher"), lease.error().message);
        return storageReply(lease.error());
    }
    return ok(LeaseAnswer{deskId, lease->first, lease->last}.toJson());
}

Reply ApiServer::adminUsers(Context &ctx)
{
    auto users = m_store.usersOf(ctx.session->user.publisher.id);
    if (!users)
        return storageReply(users.error());
    QJsonArray a;
    for (const User &u : *users)
        a.append(QJsonObject{{QStringLiteral("username"), u.name},
                             {QStringLiteral("role"), roleCode(u.role)},
                             {QStringLiteral("disabled"), u.disabled}});
    return ok({{QStringLiteral("users"), a}});
}

Reply ApiServer::adminAddUser(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("username")).trimmed();
    const QString roleText = r.string(QStringLiteral("role"));
    const QString password = r.string(QStringLiteral("password"));
    r.rejectUnknown();
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    if (name.isEmpty() || name.size() > 64 || name.contains(u' ') || name.contains(u':'))
        issues << Issue{QStringLiteral("username"), QStringLiteral("name.format"),
                        tr("A user name has 1 to 64 characters, no spaces or colons.")};
    const auto role = roleFromCode(roleText);
    if (!role)
        issues << Issue{QStringLiteral("role"), QStringLiteral("role.unknown"), tr("One of clerk, supervisor, admin.")};
    issues << Auth::checkNewPassword(password);
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    auto hash = Auth::hashPassword(password);
    if (!hash)
        return storageReply(hash.error());
    // Always in the admin's own publisher.
    auto user = m_store.addUser(name, *role, ctx.session->user.publisher.code, *hash);
    if (!user) {
        // The same answer whichever publisher holds the name: nothing is said of the others.
        if (user.error().kind == ErrorKind::Invalid)
            return problemReply(409, QStringLiteral("user.exists"), tr("User name not available"),
                                tr("This user name cannot be used; choose another."));
        return storageReply(user.error());
    }
    Reply reply = ok({{QStringLiteral("username"), user->name},
                      {QStringLiteral("role"), roleCode(user->role)},
                      {QStringLiteral("disabled"), false}});
    reply.status = 201;
    return reply;
}

Reply ApiServer::adminDisableUser(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("username"));
    r.rejectUnknown();
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    if (name == ctx.session->user.name)
        return problemReply(409, QStringLiteral("user.self"), tr("You cannot disable yourself"),
                            tr("Another admin, or relais-server user disable, can."));
    if (Status s = m_store.disableUser(name, ctx.session->user.publisher.id); !s) {
        if (s.error().kind == ErrorKind::Invalid) // unknown here: another publisher's user is not told apart
            return problemReply(404, QStringLiteral("user.unknown"), tr("No such user"));
        return storageReply(s.error());
    }
    m_channel->endUser(name);
    Reply reply;
    reply.status = 204;
    reply.empty = true;
    return reply;
}

// ---- bulk data and recovery --------------------------------------------------------------------

QList<ImportRow> readImportRows(const QJsonArray &rows, const QString &path, int firstLine, Issues *issues)
{
    QList<ImportRow> out;
    if (rows.size() > MaxImportRows) {
        issues->append(Issue{path, QStringLiteral("rows.too_many"), tr("At most %1 rows per request.").arg(MaxImportRows)});
        return out;
    }
    out.reserve(rows.size());
    static const QStringList kIgnored = {QStringLiteral("rev"), QStringLiteral("updated_at"), QStringLiteral("updated_by")};
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString here = path + u'[' + QString::number(i) + u']';
        if (!rows.at(i).isObject()) {
            issues->append(Issue{here, QStringLiteral("field.type"), tr("Each row is an object.")});
            continue;
        }
        ObjectReader r(rows.at(i).toObject(), here, issues);
        const QString entity = r.string(QStringLiteral("entity"));
        QJsonObject row = r.object(QStringLiteral("row"));
        r.rejectUnknown();
        const Table *table = tableByName(entity);
        if (!entity.isEmpty() && (!table || entity == u"publisher")) {
            issues->append(Issue{r.pathOf(QStringLiteral("entity")), QStringLiteral("entity.unknown"),
                                 tr("Not a table rows can be imported into.")});
            continue;
        }
        if (!table)
            continue;
        ImportRow ir;
        ir.line = firstLine + int(i);
        ir.entity = entity;
        const QString rowPath = r.pathOf(QStringLiteral("row"));
        ir.id = row.value(QStringLiteral("id")).toString().toLower();
        if (!isUuid(ir.id))
            issues->append(Issue{rowPath + QStringLiteral(".id"), QStringLiteral("field.uuid"),
                                 tr("Each row needs its id, a UUID.")});
        row.remove(QStringLiteral("id"));
        for (const QString &k : kIgnored)
            row.remove(k);
        ir.fields = readColumns(*table, row, rowPath, issues);
        out << ir;
    }
    return out;
}

QJsonObject importOutcomeJson(const ImportOutcome &out, bool dryRun)
{
    QJsonArray refused;
    for (const auto &[line, r] : out.refused)
        refused.append(QJsonObject{{QStringLiteral("line"), line},
                                   {QStringLiteral("code"), r.code},
                                   {QStringLiteral("message"), r.message},
                                   {QStringLiteral("issues"), issuesToJson(r.issues)}});
    QJsonObject o{{QStringLiteral("applied"), out.applied},
                  {QStringLiteral("dry_run"), dryRun},
                  {QStringLiteral("created"), out.created},
                  {QStringLiteral("repeated"), out.repeated},
                  {QStringLiteral("head"), out.head}};
    if (!refused.isEmpty())
        o.insert(QStringLiteral("refused"), refused);
    return o;
}

Reply ApiServer::importReply(const Caller &caller, const ImportRequest &request)
{
    auto out = m_store.importRows(caller, request);
    if (!out) {
        const Error &e = out.error();
        if (e.kind == ErrorKind::Conflict) {
            const int status = e.code == QString::fromUtf16(PushError::DeskForbidden) ? 403 : 409;
            return problemReply(status, e.code, tr("Import refused"), e.message);
        }
        return storageReply(e);
    }
    if (out->advanced)
        m_notifier.committed(caller.publisherId, out->head);
    if (!out->refused.isEmpty()) {
        Reply r = problemReply(422, QStringLiteral("import.refused"), tr("Rows refused"),
                               tr("%n row(s) break a rule; nothing was written.", nullptr, int(out->refused.size())));
        const QJsonObject details = importOutcomeJson(*out, request.dryRun);
        for (auto it = details.constBegin(); it != details.constEnd(); ++it)
            r.body.insert(it.key(), it.value());
        return r;
    }
    return ok(importOutcomeJson(*out, request.dryRun));
}

Reply ApiServer::bulkExport(Context &ctx)
{
    // The same pages as a snapshot, each row with its table, in the shape bulk/import reads.
    Issues issues;
    QueryReader q(ctx.request.query(), &issues);
    const QString table = q.text(QStringLiteral("table"));
    const QString after = q.text(QStringLiteral("after"));
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxSnapshotLimit, 5000);
    q.rejectUnknown();
    if (!table.isEmpty() && (!tableByName(table) || table == u"publisher"))
        issues << Issue{QStringLiteral("table"), QStringLiteral("entity.unknown"), tr("Not an exported table.")};
    if (after.size() > 64)
        issues << Issue{QStringLiteral("after"), QStringLiteral("field.too_long"), tr("Too long.")};
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    // The publisher row is the server's own: the export starts with the publisher's titles.
    const QString first = table.isEmpty() ? syncedTables().at(1).name : table;
    auto page = m_store.snapshot(callerOf(*ctx.session), first, after, int(*limit));
    if (!page)
        return storageReply(page.error());
    QByteArray out;
    out.reserve(256 + page->rows.size() * 640);
    out += "{\"epoch\":";
    JsonText::appendString(out, page->epoch);
    out += ",\"head\":" + QByteArray::number(page->head) + ",\"rows\":[";
    QByteArray entity;
    JsonText::appendString(entity, page->table);
    for (qsizetype i = 0; i < page->rows.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"entity\":" + entity + ",\"row\":" + page->rows.at(i) + '}';
    }
    out += "],\"next\":";
    appendNextPage(out, *page);
    out += '}';
    Reply r;
    r.raw = out;
    return r;
}

Reply ApiServer::bulkImport(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    ImportRequest req;
    req.importId = r.uuid(QStringLiteral("import_id")).toLower();
    req.dryRun = r.boolean(QStringLiteral("dry_run"), false);
    const QJsonArray rows = r.array(QStringLiteral("rows"));
    r.rejectUnknown();
    if (rows.isEmpty() && issues.isEmpty())
        issues << Issue{QStringLiteral("rows"), QStringLiteral("rows.empty"), tr("Nothing to import.")};
    if (issues.isEmpty())
        req.rows = readImportRows(rows, QStringLiteral("rows"), 1, &issues);
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    return importReply(callerOf(*ctx.session), req);
}

Reply ApiServer::adminReseed(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    ImportRequest req;
    req.importId = r.uuid(QStringLiteral("import_id")).toLower();
    req.reseedDeskId = r.uuid(QStringLiteral("desk_id")).toLower();
    const auto last = r.integer(QStringLiteral("desk_last_seq"), 0, MaxSafeInteger);
    req.reseedFinal = r.boolean(QStringLiteral("final"), false);
    const QJsonArray rows = r.array(QStringLiteral("rows"), false);
    r.rejectUnknown();
    if (issues.isEmpty())
        req.rows = readImportRows(rows, QStringLiteral("rows"), 1, &issues);
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    req.reseedDeskLastSeq = *last;
    Reply reply = importReply(callerOf(*ctx.session), req);
    if (reply.status == 200)
        reply.body.insert(QStringLiteral("reseed_done"), req.reseedFinal);
    return reply;
}

namespace {
QJsonObject backupJson(const BackupInfo &b)
{
    const auto count = [](qint64 n) { return n < 0 ? QJsonValue() : QJsonValue(n); }; // -1: not told
    return {{QStringLiteral("name"), b.name},             {QStringLiteral("epoch"), b.epoch},
            {QStringLiteral("head"), count(b.head)},      {QStringLiteral("rows"), count(b.rows)},
            {QStringLiteral("bytes"), count(b.bytes)},    {QStringLiteral("sha256"), b.sha256},
            {QStringLiteral("created_at"), b.createdAt}, {QStringLiteral("created_by"), b.createdBy},
            {QStringLiteral("verified_at"), b.verifiedAt.isEmpty() ? QJsonValue() : QJsonValue(b.verifiedAt)}};
}
} // namespace

Reply ApiServer::adminBackup(Context &ctx)
{
    if (!ctx.request.body().trimmed().isEmpty() && ctx.request.body().trimmed() != "{}")
        return invalidReply(Error::invalid({Issue{QString(), QStringLiteral("body.unexpected"),
                                                  tr("This route takes no body (or {}).")}}));
    if (m_config.backupDir.isEmpty())
        return problemReply(409, QStringLiteral("backup.unconfigured"), tr("Backups are not configured"),
                            tr("Start relais-server serve with --backup-dir DIR."));
    const QString name = QStringLiteral("relais-%1-%2.backup")
                             .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")),
                                  QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
    // A publisher's admin backs up their publisher only; the whole database is the operator's
    // (relais-server backup), and only that moves every desk's backup_seq.
    auto b = m_store.backup(m_config.backupDir + u'/' + name, ctx.session->user.name, ctx.session->user.publisher.id);
    if (!b)
        return storageReply(b.error());
    Reply r = ok(backupJson(*b));
    r.status = 201;
    return r;
}

namespace {
// The backups an admin of `publisherId` may see and restore from: their publisher's own, and the
// operator's backups of the whole database (which hold it), never another publisher's; whoever
// took a whole-database backup is not named.
QList<BackupInfo> backupsVisibleTo(const QList<BackupInfo> &all, const QString &publisherId)
{
    QList<BackupInfo> out;
    for (BackupInfo b : all) {
        if (b.publisherId.isEmpty()) {
            // Its size and head describe every publisher together: not told.
            b.createdBy = QStringLiteral("operator");
            b.head = b.rows = b.bytes = -1;
        } else if (b.publisherId != publisherId)
            continue;
        out << b;
    }
    return out;
}
} // namespace

Reply ApiServer::adminBackups(Context &ctx)
{
    auto list = m_store.backups();
    if (!list)
        return storageReply(list.error());
    QJsonArray a;
    for (const BackupInfo &b : backupsVisibleTo(*list, ctx.session->user.publisher.id))
        a.append(backupJson(b));
    return ok({{QStringLiteral("backups"), a}});
}

Reply ApiServer::adminRestore(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return invalidReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("backup"));
    r.rejectUnknown();
    if (!issues.isEmpty())
        return invalidReply(Error::invalid(issues));
    // Only a backup this server recorded as verified, by name: never a path from the request.
    auto all = m_store.backups();
    if (!all)
        return storageReply(all.error());
    const QList<BackupInfo> list = backupsVisibleTo(*all, ctx.session->user.publisher.id);
    const BackupInfo *found = nullptr;
    for (const BackupInfo &b : list)
        if (b.name == name && !b.verifiedAt.isEmpty())
            found = &b;
    if (!found)
        return problemReply(404, QStringLiteral("backup.unknown"), tr("No such verified backup"),
                            tr("GET admin/backups lists them."));
    // An admin restores their own publisher; the others are left as they are.
    auto out = m_store.restore(found->path, {ctx.session->user.publisher.code}, 0, ctx.session->user.name);
    if (!out) {
        const Error &e = out.error();
        if (e.kind == ErrorKind::Invalid || e.kind == ErrorKind::Conflict)
            return problemReply(409, e.code, tr("Restore refused"), e.message);
        return storageReply(e);
    }
    // Each publisher hears of its own head, not the global one.
    qint64 ownHead = 0;
    for (const QString &p : out->publisherIds) {
        auto h = m_store.publisherHead(p);
        if (!h)
            return storageReply(h.error());
        m_notifier.committed(p, *h);
        if (p == ctx.session->user.publisher.id)
            ownHead = *h;
    }
    return ok({{QStringLiteral("epoch"), out->epoch},
               {QStringLiteral("epoch_start"), out->epochStart},
               {QStringLiteral("backup"), found->name},
               {QStringLiteral("backup_head"), out->backupHead},
               {QStringLiteral("rows"), out->rows},
               {QStringLiteral("announced"), out->announced},
               {QStringLiteral("head"), ownHead}});
}

// ---- notification channel ----------------------------------------------------------------------

void ApiServer::acceptWebSocket()
{
    while (hasPendingWebSocketConnections())
        if (auto socket = nextPendingWebSocketConnection())
            m_channel->accept(socket.release());
}

void ApiServer::announce(const QString &publisherId, qint64 head)
{
    m_channel->announce(publisherId, head);
}

} // namespace Relais::Server
