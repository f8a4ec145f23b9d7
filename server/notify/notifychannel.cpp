#include "notifychannel.h"

#include "messages.h"
#include "passwords.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcChannel, "relais.server.notify")

namespace Relais::Server {

namespace {
const QString kRoute = QStringLiteral("WS /api/v1/sync/notify");
const QString kPath = QStringLiteral("/api/v1/sync/notify");
} // namespace

QString clientAddressOf(const QHostAddress &peer, const QByteArray &realIpHeader)
{
    if (peer.isLoopback()) {
        const QHostAddress real(QString::fromLatin1(realIpHeader.trimmed()));
        if (!real.isNull())
            return real.toString();
    }
    return peer.toString();
}

QByteArray helloToken(const QString &message)
{
    const QJsonObject o = QJsonDocument::fromJson(message.toUtf8()).object();
    return o.value(QStringLiteral("token")).toString().toLatin1();
}

std::optional<QByteArray> bearerToken(const QByteArray &authorizationHeader)
{
    if (!authorizationHeader.startsWith("Bearer "))
        return std::nullopt;
    return authorizationHeader.mid(7).trimmed();
}

NotifyChannel::NotifyChannel(ServerStore &store, ChannelLimits limits, Log log, QObject *parent)
    : QObject(parent), m_store(store), m_limits(limits), m_log(std::move(log))
{
    connect(&m_recheck, &QTimer::timeout, this, &NotifyChannel::recheck);
    m_recheck.start(qMax(1, m_limits.recheckSeconds) * 1000);
}

NotifyChannel::~NotifyChannel()
{
    for (auto &l : m_listeners) {
        l->socket->disconnect(this);
        l->socket->abort();
    }
}

int NotifyChannel::unauthenticatedCount() const
{
    int n = 0;
    for (const auto &l : m_listeners)
        n += l->authenticated ? 0 : 1;
    return n;
}

NotifyChannel::Listener *NotifyChannel::find(QWebSocket *socket) const
{
    for (const auto &l : m_listeners)
        if (l->socket.get() == socket)
            return l.get();
    return nullptr;
}

void NotifyChannel::remove(QWebSocket *socket)
{
    for (auto it = m_listeners.begin(); it != m_listeners.end(); ++it) {
        if ((*it)->socket.get() == socket) {
            (*it)->socket->disconnect(this);
            (*it)->socket.release()->deleteLater();
            m_listeners.erase(it);
            return;
        }
    }
}

void NotifyChannel::accept(QWebSocket *socket)
{
    // The limits first, before any frame is read: the frames of this socket are parsed only once
    // control is back in the event loop.
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxMessageBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxMessageBytes));
    socket->setReadBufferSize(m_limits.maxMessageBytes * 2);
    const QString address = clientAddressOf(socket->peerAddress(),
                                            socket->request().rawHeader("X-Real-IP"));
    const auto refuse = [&](int status, QWebSocketProtocol::CloseCode code, const QString &reason) {
        m_log(QStringLiteral("-"), QStringLiteral("WS ") + socket->requestUrl().path(), status,
              address);
        socket->setParent(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(code, reason);
        // Gone within a second whatever the client does (the close frame gets out first).
        QTimer::singleShot(1000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    };
    if (socket->requestUrl().path() != kPath)
        return refuse(404, QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("route.unknown"));
    int fromAddress = 0;
    const int pending = unauthenticatedCount();
    for (const auto &l : m_listeners)
        fromAddress += (!l->authenticated && l->address == address) ? 1 : 0;
    if (pending >= m_limits.maxUnauthenticated
        || fromAddress >= m_limits.maxUnauthenticatedPerAddress)
        return refuse(503, QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("channel.busy"));

    auto listener = std::make_unique<Listener>();
    listener->socket.reset(socket);
    listener->address = address;
    Listener *l = listener.get();
    m_listeners.push_back(std::move(listener));
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { remove(socket); });
    // A frame or message over the limit, or a broken frame: the socket goes at once, its data with it.
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                if (Listener *gone = find(socket)) {
                    qCInfo(lcChannel) << "channel closed:" << socket->errorString();
                    gone->socket->abort();
                }
            });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        Listener *from = find(socket);
        if (!from)
            return;
        if (from->authenticated) {
            // The server talks, desks listen: anything sent once authenticated ends the channel unread.
            closeListener(from, QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("message.unexpected"));
            return;
        }
        // Browsers cannot set headers on a WebSocket: the first message may carry the token.
        authenticate(from, helloToken(text));
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &) {
        if (Listener *from = find(socket))
            closeListener(from, QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                          QStringLiteral("message.unexpected"));
    });

    if (const auto token = bearerToken(socket->request().rawHeader("Authorization"))) {
        authenticate(l, *token);
        return;
    }
    QTimer::singleShot(m_limits.authTimeoutMs, socket, [this, socket] {
        Listener *waiting = find(socket);
        if (waiting && !waiting->authenticated)
            closeListener(waiting, QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("auth.missing"));
    });
}

void NotifyChannel::closeListener(Listener *listener, QWebSocketProtocol::CloseCode code,
                                  const QString &reason)
{
    QWebSocket *socket = listener->socket.get();
    socket->close(code, reason);
    // Whatever the client does next, the socket is gone (a client that never answers the close
    // frame must not keep it).
    QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
}

void NotifyChannel::authenticate(Listener *listener, const QByteArray &token)
{
    if (listener->authenticated)
        return;
    std::optional<Session> session;
    QByteArray hash;
    if (Auth::looksLikeToken(token)) {
        hash = Auth::tokenHash(token);
        auto s = m_store.session(hash, QDateTime::currentDateTimeUtc());
        if (!s)
            qCWarning(lcChannel) << "store error:" << s.error().message;
        else
            session = *s;
    }
    if (!session) {
        m_log(QStringLiteral("-"), kRoute, 401, listener->address);
        closeListener(listener, QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("auth.invalid"));
        return;
    }
    m_log(session->user.name, kRoute, 101, listener->address);
    listener->authenticated = true;
    listener->publisherId = session->user.publisher.id;
    listener->userName = session->user.name;
    listener->tokenHash = hash;
    listener->expiresAt = session->expiresAt;
    // The publisher's own head: the global one would tell how busy the other publishers are.
    auto h = m_store.publisherHead(listener->publisherId);
    if (!h)
        qCWarning(lcChannel) << "store error:" << h.error().message;
    const Protocol::NotifyMessage hello{QStringLiteral("head"), h ? *h : 0};
    listener->socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(hello.toJson()).toJson(QJsonDocument::Compact)));
}

void NotifyChannel::announce(const QString &publisherId, qint64 head)
{
    const QString text = QString::fromUtf8(
        QJsonDocument(Protocol::NotifyMessage{QStringLiteral("head"), head}.toJson())
            .toJson(QJsonDocument::Compact));
    for (const auto &l : m_listeners)
        if (l->authenticated && l->publisherId == publisherId)
            l->socket->sendTextMessage(text);
}

void NotifyChannel::endSession(const QByteArray &tokenHash)
{
    for (const auto &l : m_listeners)
        if (l->authenticated && l->tokenHash == tokenHash)
            closeListener(l.get(), QWebSocketProtocol::CloseCodeNormal,
                          QStringLiteral("auth.ended"));
}

void NotifyChannel::endUser(const QString &userName)
{
    for (const auto &l : m_listeners)
        if (l->authenticated && l->userName == userName)
            closeListener(l.get(), QWebSocketProtocol::CloseCodeNormal,
                          QStringLiteral("auth.ended"));
}

void NotifyChannel::recheck()
{
    // Sessions can end elsewhere: a logout through another process, `relais-server user disable`,
    // or simply their expiry.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &l : m_listeners) {
        if (!l->authenticated || l->socket->state() != QAbstractSocket::ConnectedState)
            continue;
        bool alive = l->expiresAt > now;
        if (alive) {
            auto s = m_store.session(l->tokenHash, now);
            if (!s) {
                qCWarning(lcChannel) << "store error:" << s.error().message;
                continue; // the database is away: keep the channel, check again next time
            }
            alive = s->has_value();
        }
        if (!alive)
            closeListener(l.get(), QWebSocketProtocol::CloseCodeNormal,
                          QStringLiteral("auth.ended"));
    }
}

} // namespace Relais::Server
