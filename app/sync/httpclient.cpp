#include "httpclient.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace Relais::Sync {

namespace {
constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qsizetype
    MaxBodyBytes = 256 * 1024
                   * 1024; // a snapshot page is a few MB; anything far beyond is not ours
} // namespace

QByteArray HttpReply::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

HttpClient::HttpClient(QObject *parent) : QObject(parent), m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this,
            [this] { fail(tr("No answer within the time allowed.")); });
}

HttpClient::~HttpClient()
{
    m_done = nullptr;
    dropConnection();
}

void HttpClient::send(const QByteArray &method, const QUrl &url,
                      const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                      int timeoutMs, std::function<void(const HttpReply &)> done)
{
    if (m_done) {
        HttpReply r;
        r.error = QStringLiteral("a request is already running");
        done(r);
        return;
    }
    m_done = std::move(done);
    m_retried = false;
    m_headRequest = method == "HEAD";
    const bool tls = url.scheme() == u"https";
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (url.port() > 0)
        host += ':' + QByteArray::number(url.port());
    // Headers and body in one buffer, written at once: with TCP_NODELAY they leave together.
    m_request = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : headers)
        m_request += name + ": " + value + "\r\n";
    if (method != "GET" && method != "HEAD")
        m_request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    m_request += "Connection: keep-alive\r\n\r\n";
    m_request += body;
    m_timeout->start(timeoutMs);

    const bool same = m_socket && m_host == url.host() && m_port == port && m_tls == tls
                      && m_socket->state() == QAbstractSocket::ConnectedState;
    if (same) {
        m_reused = true;
        writeRequest();
        return;
    }
    dropConnection();
    m_host = url.host();
    m_port = port;
    m_tls = tls;
    connectTo(url);
}

void HttpClient::connectTo(const QUrl &url)
{
    m_reused = false;
    m_buffer.clear();
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        // An operator's own CA (a test CA, an internal PKI) besides the system's.
        const QString caFile = qEnvironmentVariable("RELAIS_CA_FILE");
        if (!caFile.isEmpty()) {
            QSslConfiguration c = ssl->sslConfiguration();
            QList<QSslCertificate> cas = c.caCertificates();
            cas << QSslCertificate::fromPath(caFile);
            c.setCaCertificates(cas);
            ssl->setSslConfiguration(c);
        }
        connect(ssl, &QSslSocket::encrypted, this, &HttpClient::writeRequest);
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            // Never ignored: a certificate that does not check out ends the request.
            fail(errors.isEmpty() ? tr("TLS error") : errors.first().errorString());
        });
        m_socket = ssl;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpClient::writeRequest);
    }
    QTcpSocket *socket = m_socket;
    connect(socket, &QTcpSocket::readyRead, this, &HttpClient::readAnswer);
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (socket != m_socket || !m_done)
            return;
        if (m_buffer.isEmpty() && m_reused && !m_retried) {
            // The server closed a kept connection before this request reached it: send it again on
            // a new one (every sync request may be repeated: pushes are answered from stored results).
            m_retried = true;
            const QByteArray request = m_request;
            dropConnection();
            QUrl again;
            again.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
            again.setHost(m_host);
            again.setPort(m_port);
            connectTo(again);
            m_request = request;
            return;
        }
        readAnswer(); // an answer without a length ends with the connection
        if (m_done)
            fail(tr("The server closed the connection before answering."));
    });
    connect(socket, &QTcpSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError e) {
                if (socket != m_socket || !m_done)
                    return;
                if (e == QAbstractSocket::RemoteHostClosedError)
                    return; // disconnected() decides
                fail(socket->errorString());
            });
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        ssl->connectToHostEncrypted(url.host(), m_port);
    else
        m_socket->connectToHost(url.host(), m_port);
}

void HttpClient::writeRequest()
{
    if (!m_socket || !m_done)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_buffer.clear();
    m_socket->write(m_request);
    // Out now, not when the event loop next runs: a push leaves before the desk records the
    // answer to the one before (Engine::onPushAnswer). flush() writes what the socket takes
    // without blocking; the rest follows from the event loop as before.
    m_socket->flush();
}

void HttpClient::readAnswer()
{
    if (!m_socket || !m_done)
        return;
    m_buffer += m_socket->readAll();
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > MaxHeaderBytes)
            fail(tr("The server's answer has a header too large to be an answer of Relais."));
        return;
    }
    HttpReply reply;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
    if (status.size() < 2 || !status.at(0).startsWith("HTTP/1.")) {
        fail(tr("The server's answer is not HTTP."));
        return;
    }
    reply.status = status.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.append(
                {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    const QByteArray rest = m_buffer.mid(end + 4);
    const bool closeAfter = reply.header("connection").toLower() == "close";
    if (m_headRequest || reply.status == 204 || reply.status == 304 || reply.status / 100 == 1) {
        finish(reply, !closeAfter);
        return;
    }
    if (reply.header("transfer-encoding").toLower().contains("chunked")) {
        QByteArray body;
        qsizetype pos = 0;
        while (true) {
            const qsizetype lineEnd = rest.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return; // more to come
            bool ok = false;
            const qint64 size = rest.mid(pos, lineEnd - pos)
                                    .split(';')
                                    .value(0)
                                    .trimmed()
                                    .toLongLong(&ok, 16);
            if (!ok || size < 0 || size > MaxBodyBytes) {
                fail(tr("The server's answer is malformed (chunk size)."));
                return;
            }
            if (size == 0) {
                if (rest.indexOf("\r\n\r\n", lineEnd) < 0 && rest.mid(lineEnd, 4) != "\r\n\r\n")
                    return; // the trailer is not complete yet
                reply.body = body;
                finish(reply, !closeAfter);
                return;
            }
            if (rest.size() < lineEnd + 2 + size + 2)
                return;
            body += rest.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    }
    const QByteArray lengthText = reply.header("content-length");
    if (!lengthText.isEmpty()) {
        bool ok = false;
        const qint64 length = lengthText.toLongLong(&ok);
        if (!ok || length < 0 || length > MaxBodyBytes) {
            fail(tr("The server's answer is malformed (length)."));
            return;
        }
        if (rest.size() < length)
            return;
        reply.body = rest.left(length);
        finish(reply, !closeAfter);
        return;
    }
    // No length: the body ends with the connection.
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        return;
    reply.body = rest;
    finish(reply, false);
}

void HttpClient::finish(HttpReply reply, bool keepConnection)
{
    m_timeout->stop();
    auto done = std::move(m_done);
    m_done = nullptr;
    m_buffer.clear();
    if (!keepConnection)
        dropConnection();
    if (done)
        done(reply);
}

void HttpClient::fail(const QString &why)
{
    if (!m_done)
        return;
    HttpReply r;
    r.error = why;
    dropConnection(); // a half-read answer cannot be resumed on this connection
    finish(r, false);
}

void HttpClient::abort(const QString &why)
{
    fail(why);
    dropConnection();
}

void HttpClient::dropConnection()
{
    if (!m_socket)
        return;
    QTcpSocket *s = m_socket;
    m_socket = nullptr;
    s->disconnect(this);
    s->abort();
    s->deleteLater();
}

} // namespace Relais::Sync
