#pragma once
// A small HTTP/1.1 client for the sync engine: one kept-alive connection to the server, TCP_NODELAY
// set, each request written in one piece, answers read by Content-Length (or chunked).
//
// Why not QNetworkAccessManager: Qt 6.4's client never sets TCP_NODELAY and writes a request body
// in 16 KiB pieces; each piece's tail then waits for the server's delayed acknowledgement, up to
// 40 ms a request (measured: docs/server-benchmarks.md, "Nagle"). A sync round is a handful of
// requests in a row, so those waits were most of a round's time.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <functional>

class QTcpSocket;
class QTimer;

namespace Relais::Sync {

struct HttpReply
{
    int status = 0; // 0: no answer (see error)
    QString error;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const;
};

class HttpClient final : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // One request at a time (the engine never overlaps them); a second call while one runs fails.
    // `url` is absolute (http or https). The callback runs once, on this object's thread.
    void send(const QByteArray &method, const QUrl &url,
              const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
              int timeoutMs, std::function<void(const HttpReply &)> done);
    // Aborts the request running (its callback gets an error) and drops the connection.
    void abort(const QString &why);
    bool busy() const { return bool(m_done); }

private:
    void connectTo(const QUrl &url);
    void writeRequest();
    void readAnswer();
    void finish(HttpReply reply, bool keepConnection);
    void fail(const QString &why);
    void dropConnection();

    QTcpSocket *m_socket = nullptr;
    QString m_host;
    quint16 m_port = 0;
    bool m_tls = false;
    QTimer *m_timeout;
    QByteArray m_request;
    QByteArray m_buffer;
    std::function<void(const HttpReply &)> m_done;
    bool m_reused = false; // the request went out on a connection kept from before
    bool
        m_retried = false; // a kept connection the server had closed: sent again once, on a new one
    bool m_headRequest = false;
};

} // namespace Relais::Sync
