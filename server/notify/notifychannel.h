#pragma once
// The WebSocket channel that tells a publisher's desks of a new head (GET /api/v1/sync/notify),
// with what keeps one client from taking it away from the others: a cap on the size of every
// incoming frame and message, a cap on sockets still unauthenticated (in all and per address), a
// time limit to authenticate, nothing read once authenticated, and the channel closed when its
// session ends (logout, user disabled, token expired).

#include "serverstore.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Relais::Server {

struct ChannelLimits
{
    qint64 maxMessageBytes = 4096; // a frame or message beyond this closes the socket
    int maxUnauthenticated = 64;   // sockets not yet authenticated, all addresses together
    int maxUnauthenticatedPerAddress = 8;
    int authTimeoutMs = 10000; // time to send the token (first message) after the upgrade
    int recheckSeconds = 60;   // sessions of open channels are checked again this often
};

class NotifyChannel final : public QObject
{
    Q_OBJECT
public:
    // One line per channel event, as the HTTP requests: user, route, status, peer.
    using Log = std::function<void(const QString &user, const QString &route, int status,
                                   const QString &peer)>;

    NotifyChannel(ServerStore &store, ChannelLimits limits, Log log, QObject *parent = nullptr);
    ~NotifyChannel() override;

    // Takes the socket (ownership) as the upgrade left it.
    void accept(QWebSocket *socket);
    void announce(const QString &publisherId, qint64 head);
    // The session of this token ended (logout): its channels close.
    void endSession(const QByteArray &tokenHash);
    // The user was disabled: all their channels close.
    void endUser(const QString &userName);
    // Checks every open channel's session again (also run every recheckSeconds).
    void recheck();

    int openCount() const { return int(m_listeners.size()); }
    int unauthenticatedCount() const;

private:
    struct Listener
    {
        std::unique_ptr<QWebSocket> socket;
        QString address;
        bool authenticated = false;
        QString publisherId;
        QString userName;
        QByteArray tokenHash;
        QDateTime expiresAt;
    };
    Listener *find(QWebSocket *socket) const;
    void authenticate(Listener *listener, const QByteArray &token);
    void closeListener(Listener *listener, QWebSocketProtocol::CloseCode code,
                       const QString &reason);
    void remove(QWebSocket *socket);

    ServerStore &m_store;
    ChannelLimits m_limits;
    Log m_log;
    std::vector<std::unique_ptr<Listener>> m_listeners;
    QTimer m_recheck;
};

// The client's address: behind nginx every connection comes from loopback and X-Real-IP names
// the client; it is believed only then (nginx overwrites it; nobody else reaches the loopback).
QString clientAddressOf(const QHostAddress &peer, const QByteArray &realIpHeader);

// What a client sends to authenticate, read as the channel reads it (fuzz/notify_hello_fuzz.cpp):
// the token of its first message, {"token":"..."} (browsers cannot set headers on a WebSocket), as
// Latin-1 bytes, empty when the message is no such object; and the token of an
// "Authorization: Bearer TOKEN" header, nullopt when the header is not a bearer one. Either is then
// checked by Auth::looksLikeToken before the database sees it.
QByteArray helloToken(const QString &message);
std::optional<QByteArray> bearerToken(const QByteArray &authorizationHeader);

} // namespace Relais::Server
