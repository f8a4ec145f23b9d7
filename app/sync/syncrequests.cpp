// The engine's requests to the server: one HTTP exchange (headers, the round's stall timer, the
// answer read with its Retry-After and the server's clock), and a 401 turned into one new login.

#include "syncengine.h"
#include "syncengine_p.h"

#include "httpclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>

namespace Relais::Sync {

bool Engine::unauthorized(const HttpAnswer &a, std::function<void()> again)
{
    if (a.status != 401)
        return false;
    // The token expired, was logged out, or the server was restored without its sessions: one new
    // login per round when the password is at hand, then the same step again. Without it the round
    // ends asking for a login and no retry is scheduled: a 401 answered by retries is a 401 loop.
    m_token.clear();
    if (!m_reloggedThisRound && !m_password.isEmpty()) {
        m_reloggedThisRound = true;
        loginThen(std::move(again));
        return true;
    }
    finishRound(
        QStringLiteral("login"),
        tr("The server asks for a new login; changes stay queued and work goes on meanwhile."));
    return true;
}

void Engine::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                     std::function<void(const HttpAnswer &)> done, HttpClient *other)
{
    requestPayload(method, path,
                   method == "GET" ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact),
                   std::move(done), other);
}

void Engine::requestPayload(const QByteArray &method, const QString &path,
                            const QByteArray &payload, std::function<void(const HttpAnswer &)> done,
                            HttpClient *other, bool rawSuccess)
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"},
                                                 {"User-Agent", "relais-desk"},
                                                 {"Accept", "application/json"}};
    if (!m_token.isEmpty() && path != u"login")
        headers.append({"Authorization", "Bearer " + m_token});
    const bool isLogin = path == u"login";
    const bool ofRound = !isLogin && !other; // the stall timer watches the round's requests only
    if (ofRound)
        m_stall->start(m_tuning.stallMs);
    HttpClient *client = other ? other : isLogin ? m_loginHttp : m_http;
    client->send(method, QUrl(m_server.toString() + QStringLiteral("/api/v1/") + path), headers,
                 payload, m_tuning.requestTimeoutMs,
                 [this, ofRound, rawSuccess, done = std::move(done)](const HttpReply &reply) {
                     if (ofRound)
                         m_stall->stop();
                     HttpAnswer a;
                     a.status = reply.status;
                     if (a.status == 0)
                         a.networkError = reply.error;
                     a.headers = reply.headers;
                     if (rawSuccess && a.status == 200)
                         a.body = reply.body; // read by the caller (off this thread)
                     else if (!reply.body.isEmpty())
                         a.json = QJsonDocument::fromJson(reply.body).object();
                     const QByteArray retryAfter = reply.header("retry-after");
                     if (!retryAfter.isEmpty())
                         a.retryAfterSeconds = retryAfter.toInt();
                     const QByteArray date = reply.header("date");
                     if (!date.isEmpty()) {
                         QDateTime server = QLocale::c()
                                                .toDateTime(QString::fromLatin1(date),
                                                            QStringLiteral(
                                                                "ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
                         if (server.isValid()) {
                             server.setTimeSpec(Qt::UTC);
                             m_status.clockSkewSeconds = server.secsTo(
                                 QDateTime::currentDateTimeUtc());
                         }
                     }
                     done(a);
                 });
}

} // namespace Relais::Sync
