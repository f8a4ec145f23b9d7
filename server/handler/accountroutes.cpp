// The routes of accounts: login (the password checked on a worker thread), logout, me, and a
// publisher admin's users. docs/api.md, "Accounts".

#include "handler_p.h"

#include "passwords.h"

#include <QJsonArray>
#include <QPointer>
#include <QTcpSocket>

namespace Relais::Server {

using namespace Protocol;
using namespace http;

Reply ApiServer::login(Context &ctx)
{
    auto body = parseObject(ctx.request.body());
    if (!body)
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("username"));
    const QString password = r.string(QStringLiteral("password"));
    r.rejectUnknown();
    if (name.size() > 200 || password.size() > 1024)
        issues << Issue{QStringLiteral("username"), QStringLiteral("field.too_long"),
                        tr("Too long.")};
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const LoginKeys keys = LoginKeys::of(name, clientAddress(ctx.request));
    auto rows = m_store.loginThrottles(keys.all());
    if (!rows)
        return errorReply(rows.error());
    // Refused before the password is looked at: a throttled guess costs the server nothing.
    if (const qint64 wait = loginWait(m_login, keys, *rows, now); wait > 0) {
        Reply reply = problemReply(429, QStringLiteral("auth.throttled"),
                                   tr("Too many failed logins"), tr("Try again later."));
        reply.headers << std::pair{QByteArray("Retry-After"), QByteArray::number(wait)};
        return reply;
    }
    auto user = m_store.userByName(name);
    if (!user)
        return errorReply(user.error());
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
    if (m_config.passwordThreads
        == 0) // checked here, holding up every other request (for comparison)
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
            return errorReply(s.error());
        return problemReply(401, QStringLiteral("auth.failed"), tr("Wrong user name or password"));
    }
    // Only this name's counts are cleared: one good login from a shared address must not wipe a
    // guessing run against other names from it.
    const QByteArray token = Auth::newToken();
    LoginSuccess success{{keys.userAddress, keys.user},
                         keys.known,
                         Auth::tokenHash(token),
                         user->id,
                         now,
                         now.addSecs(m_config.tokenTtlSeconds),
                         m_login.maxSessionsPerUser};
    if (Status s = m_store.completeLogin(success); !s)
        return errorReply(s.error());
    const PublisherInfo &p = user->publisher;
    return ok(LoginAnswer{QString::fromLatin1(token), isoUtc(success.expiresAt),
                          roleCode(user->role), user->name, p.id, p.code, p.name}
                  .toJson());
}

void ApiServer::finishLogin(QPointer<QTcpSocket> socket, QTcpSocket *key,
                            const QHttpServerRequest *request, const LoginKeys &keys,
                            std::optional<User> user, bool good, const QString &route,
                            QElapsedTimer timer)
{
    // Recorded whether or not the client is still there: a guess that hung up still counts.
    const Reply reply = loginOutcome(keys, user, good);
    if (const auto pending = m_deferred.constFind(key);
        pending != m_deferred.cend() && pending.value() == socket)
        m_deferred.erase(pending);
    if (!socket)
        return;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    respond(*request, socket.data(), reply);
    logRequest(QStringLiteral("-"), route, reply.status, double(timer.nsecsElapsed()) / 1e6,
               clientAddress(*request));
}

Reply ApiServer::logout(Context &ctx)
{
    if (Status s = m_store.deleteSession(ctx.tokenHash); !s)
        return errorReply(s.error());
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
        return errorReply(ep.error());
    const User &u = ctx.session->user;
    return ok({{QStringLiteral("username"), u.name},
               {QStringLiteral("role"), roleCode(u.role)},
               {QStringLiteral("publisher"), publisherJson(u.publisher)},
               {QStringLiteral("expires_at"), isoUtc(ctx.session->expiresAt)},
               {QStringLiteral("epoch"), *ep}});
}

Reply ApiServer::adminUsers(Context &ctx)
{
    auto users = m_store.usersOf(ctx.session->user.publisher.id);
    if (!users)
        return errorReply(users.error());
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
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("username")).trimmed();
    const QString roleText = r.string(QStringLiteral("role"));
    const QString password = r.string(QStringLiteral("password"));
    r.rejectUnknown();
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    if (name.isEmpty() || name.size() > 64 || name.contains(u' ') || name.contains(u':'))
        issues << Issue{QStringLiteral("username"), QStringLiteral("name.format"),
                        tr("A user name has 1 to 64 characters, no spaces or colons.")};
    const auto role = roleFromCode(roleText);
    if (!role)
        issues << Issue{QStringLiteral("role"), QStringLiteral("role.unknown"),
                        tr("One of clerk, supervisor, admin.")};
    issues << Auth::checkNewPassword(password);
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    auto hash = Auth::hashPassword(password);
    if (!hash)
        return errorReply(hash.error());
    // Always in the admin's own publisher.
    auto user = m_store.addUser(name, *role, ctx.session->user.publisher.code, *hash);
    if (!user) {
        // The same answer whichever publisher holds the name: nothing is said of the others.
        if (user.error().kind == ErrorKind::Invalid)
            return problemReply(409, QStringLiteral("user.exists"), tr("User name not available"),
                                tr("This user name cannot be used; choose another."));
        return errorReply(user.error());
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
        return errorReply(body.error());
    Issues issues;
    ObjectReader r(*body, QString(), &issues);
    const QString name = r.string(QStringLiteral("username"));
    r.rejectUnknown();
    if (!issues.isEmpty())
        return errorReply(Error::invalid(issues));
    if (name == ctx.session->user.name)
        return problemReply(409, QStringLiteral("user.self"), tr("You cannot disable yourself"),
                            tr("Another admin, or relais-server user disable, can."));
    if (Status s = m_store.disableUser(name, ctx.session->user.publisher.id); !s) {
        if (s.error().kind
            == ErrorKind::Invalid) // unknown here: another publisher's user is not told apart
            return problemReply(404, QStringLiteral("user.unknown"), tr("No such user"));
        return errorReply(s.error());
    }
    m_channel->endUser(name);
    Reply reply;
    reply.status = 204;
    reply.empty = true;
    return reply;
}

} // namespace Relais::Server
