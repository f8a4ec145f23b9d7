#include "faultproxy.h"

#include <QHostAddress>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <functional>
#include <optional>

namespace Relais::Test {

namespace {

struct Rule
{
    QByteArray prefix;
    FaultProxy::Fault fault;
    int times = 1;
    int skip = 0;
};

// The value of one header of an HTTP head (case-insensitive name), or an empty array.
QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

class FaultProxyConn;

class FaultProxyWorker final
{
public:
    FaultProxyWorker()
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
    }
    ~FaultProxyWorker()
    {
        run([this] {
            delete m_server;
            m_server = nullptr;
            delete m_context; // the connections are its children
            m_context = nullptr;
        });
        m_thread.quit();
        m_thread.wait();
    }

    // Runs `f` on the proxy's thread and waits for it.
    void run(const std::function<void()> &f)
    {
        QMetaObject::invokeMethod(m_context, f, Qt::BlockingQueuedConnection);
    }

    bool listen(quint16 port);
    void accept();
    // Decides the fault of one request and logs it (proxy thread).
    std::optional<FaultProxy::Fault> decide(const QByteArray &key)
    {
        QMutexLocker lock(&m_mutex);
        m_log << key;
        for (Rule &r : m_rules) {
            if (!key.startsWith(r.prefix) || r.times <= 0)
                continue;
            if (r.skip > 0) {
                --r.skip;
                continue;
            }
            --r.times;
            return r.fault;
        }
        return std::nullopt;
    }
    void hold(std::function<void()> action)
    {
        QMutexLocker lock(&m_mutex);
        m_held << std::move(action);
    }

    QThread m_thread;
    QObject *m_context = nullptr;
    QTcpServer *m_server = nullptr;
    mutable QMutex m_mutex;
    quint16 m_port = 0;
    quint16 m_upstream = 0;
    int m_delayMs = 0;
    QList<Rule> m_rules;
    QList<QByteArray> m_log;
    QList<std::function<void()>> m_held;
    QSet<FaultProxyConn *> m_conns;
};

// One client connection and its own connection to the server; requests are handled one at a time.
class FaultProxyConn final : public QObject
{
public:
    FaultProxyConn(FaultProxyWorker *w, QTcpSocket *client)
        : QObject(w->m_context), m_w(w), m_client(client)
    {
        client->setParent(this);
        w->m_conns.insert(this);
        connect(client, &QTcpSocket::readyRead, this, [this] { onClientData(); });
        connect(client, &QTcpSocket::disconnected, this, [this] { closeAll(); });
    }
    ~FaultProxyConn() override { m_w->m_conns.remove(this); }

    void closeAll()
    {
        if (m_closed)
            return;
        m_closed = true;
        if (m_up)
            m_up->abort();
        // disconnectFromHost passes on what was written (half a body) before the FIN.
        m_client->disconnectFromHost();
        deleteLater();
    }
    void abortAll()
    {
        if (m_closed)
            return;
        m_closed = true;
        if (m_up)
            m_up->abort();
        m_client->abort();
        deleteLater();
    }

private:
    void onClientData()
    {
        m_in += m_client->readAll();
        if (m_tunnel) {
            ensureUp();
            m_up->write(m_in);
            m_in.clear();
            return;
        }
        processNext();
    }

    void processNext()
    {
        if (m_busy || m_closed)
            return;
        const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = m_in.left(headEnd);
        const qint64 length = headerValue(head, "Content-Length").toLongLong();
        const qint64 total = headEnd + 4 + length;
        if (m_in.size() < total)
            return;
        const QByteArray request = m_in.left(total);
        m_in.remove(0, total);
        const QByteArray line = head.left(head.indexOf("\r\n"));
        const QList<QByteArray> parts = line.split(' ');
        const QByteArray key = parts.value(0) + ' ' + parts.value(1);
        const auto fault = m_w->decide(key);
        if (headerValue(head, "Upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
            m_tunnel = true;
            ensureUp();
            m_up->write(request + m_in);
            m_in.clear();
            return;
        }
        if (fault == FaultProxy::Fault::Answer503) {
            const QByteArray
                body = R"({"status":503,"code":"server.unavailable","title":"Unavailable"})";
            m_client->write(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
                "Retry-After: 0\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            return processNext();
        }
        if (fault == FaultProxy::Fault::CloseEarly)
            return abortAll();
        m_busy = true;
        m_current = fault;
        if (fault == FaultProxy::Fault::HoldRequest) {
            m_current.reset();
            QPointer<FaultProxyConn> self(this);
            m_w->hold([self, request] {
                if (self && !self->m_closed)
                    self->forward(request);
            });
            return;
        }
        forward(request);
    }

    void forward(const QByteArray &request)
    {
        ensureUp();
        m_up->write(request);
    }

    void ensureUp()
    {
        if (m_up)
            return;
        m_up = new QTcpSocket(this);
        connect(m_up, &QTcpSocket::readyRead, this, [this] { onUpData(); });
        connect(m_up, &QTcpSocket::disconnected, this, [this] { onUpClosed(); });
        connect(m_up, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                onUpClosed();
        });
        quint16 port = 0;
        {
            QMutexLocker lock(&m_w->m_mutex);
            port = m_w->m_upstream;
        }
        m_up->connectToHost(QHostAddress::LocalHost, port);
    }

    void onUpData()
    {
        const QByteArray data = m_up->readAll();
        if (m_tunnel) {
            m_client->write(data);
            return;
        }
        m_resp += data;
        for (;;) {
            const qsizetype headEnd = m_resp.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = m_resp.left(headEnd);
            const int status = head.mid(9, 3).toInt();
            qint64 total = -1;
            const QByteArray length = headerValue(head, "Content-Length");
            if (status == 204 || status == 304 || (status >= 100 && status < 200))
                total = headEnd + 4;
            else if (!length.isEmpty())
                total = headEnd + 4 + length.toLongLong();
            else if (headerValue(head, "Transfer-Encoding").contains("chunked")) {
                const qsizetype end = m_resp.indexOf("\r\n0\r\n\r\n", headEnd);
                if (end >= 0)
                    total = end + 7;
            } else {
                return; // read to the close: onUpClosed passes it on
            }
            if (total < 0 || m_resp.size() < total)
                return;
            const QByteArray response = m_resp.left(total);
            m_resp.remove(0, total);
            deliver(response, headEnd + 4);
        }
    }

    void onUpClosed()
    {
        if (m_closed)
            return;
        if (!m_resp.isEmpty() && !m_tunnel) {
            m_client->write(m_resp);
            m_resp.clear();
        }
        closeAll();
    }

    void deliver(const QByteArray &response, qsizetype bodyStart)
    {
        const auto fault = m_current;
        m_current.reset();
        QPointer<FaultProxyConn> self(this);
        auto pass = [self, response, bodyStart, fault] {
            if (!self || self->m_closed)
                return;
            if (fault == FaultProxy::Fault::DropReply)
                return self->abortAll();
            if (fault == FaultProxy::Fault::CutReply) {
                self->m_client->write(response.left(bodyStart + (response.size() - bodyStart) / 2));
                return self->closeAll();
            }
            if (fault == FaultProxy::Fault::StripNextPage
                || fault == FaultProxy::Fault::MisnameNextPage) {
                QList<QByteArray> lines = response.left(bodyStart - 4).split('\n');
                for (qsizetype i = lines.size() - 1; i >= 0; --i) {
                    if (!lines.at(i).toLower().startsWith("relais-next-page:"))
                        continue;
                    if (fault == FaultProxy::Fault::StripNextPage)
                        lines.removeAt(i);
                    else
                        lines[i] = QByteArray("Relais-Next-Page: end")
                                   + (lines.at(i).endsWith('\r') ? "\r" : "");
                }
                self->m_client->write(lines.join('\n') + "\r\n\r\n" + response.mid(bodyStart));
            } else {
                self->m_client->write(response);
            }
            self->m_busy = false;
            self->processNext();
        };
        if (fault == FaultProxy::Fault::HoldReply)
            return m_w->hold(pass);
        int delay = 0;
        {
            QMutexLocker lock(&m_w->m_mutex);
            delay = m_w->m_delayMs;
        }
        if (delay > 0)
            QTimer::singleShot(delay, this, pass);
        else
            pass();
    }

    FaultProxyWorker *m_w;
    QTcpSocket *m_client;
    QTcpSocket *m_up = nullptr;
    QByteArray m_in;
    QByteArray m_resp;
    bool m_tunnel = false;
    bool m_busy = false;
    bool m_closed = false;
    std::optional<FaultProxy::Fault> m_current;
};

bool FaultProxyWorker::listen(quint16 port)
{
    if (!m_server) {
        m_server = new QTcpServer(m_context);
        QObject::connect(m_server, &QTcpServer::newConnection, m_context, [this] { accept(); });
    }
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void FaultProxyWorker::accept()
{
    while (QTcpSocket *s = m_server->nextPendingConnection())
        new FaultProxyConn(this, s);
}

FaultProxy::FaultProxy() : m_worker(std::make_unique<FaultProxyWorker>()) {}

FaultProxy::~FaultProxy() = default;

bool FaultProxy::start(quint16 upstreamPort)
{
    setUpstream(upstreamPort);
    bool ok = false;
    m_worker->run([&] { ok = m_worker->listen(0); });
    return ok;
}

void FaultProxy::setUpstream(quint16 upstreamPort)
{
    QMutexLocker lock(&m_worker->m_mutex);
    m_worker->m_upstream = upstreamPort;
}

quint16 FaultProxy::port() const
{
    return m_worker->m_port;
}

QString FaultProxy::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FaultProxy::addFault(const QByteArray &prefix, Fault fault, int times, int skip)
{
    QMutexLocker lock(&m_worker->m_mutex);
    m_worker->m_rules << Rule{prefix, fault, times, skip};
}

void FaultProxy::clearFaults()
{
    QMutexLocker lock(&m_worker->m_mutex);
    m_worker->m_rules.clear();
}

void FaultProxy::setReplyDelay(int ms)
{
    QMutexLocker lock(&m_worker->m_mutex);
    m_worker->m_delayMs = ms;
}

void FaultProxy::setRefusing(bool refusing)
{
    m_worker->run([&] {
        if (refusing) {
            if (m_worker->m_server)
                m_worker->m_server->close();
            const auto conns = m_worker->m_conns;
            for (FaultProxyConn *c : conns)
                c->abortAll();
        } else if (m_worker->m_server && !m_worker->m_server->isListening()) {
            m_worker->listen(m_worker->m_port);
        }
    });
}

int FaultProxy::count(const QByteArray &prefix) const
{
    QMutexLocker lock(&m_worker->m_mutex);
    int n = 0;
    for (const QByteArray &k : std::as_const(m_worker->m_log))
        n += k.startsWith(prefix) ? 1 : 0;
    return n;
}

QList<QByteArray> FaultProxy::requests() const
{
    QMutexLocker lock(&m_worker->m_mutex);
    return m_worker->m_log;
}

void FaultProxy::resetCounts()
{
    QMutexLocker lock(&m_worker->m_mutex);
    m_worker->m_log.clear();
}

int FaultProxy::held() const
{
    QMutexLocker lock(&m_worker->m_mutex);
    return int(m_worker->m_held.size());
}

void FaultProxy::release()
{
    QList<std::function<void()>> actions;
    {
        QMutexLocker lock(&m_worker->m_mutex);
        actions.swap(m_worker->m_held);
    }
    m_worker->run([&] {
        for (const auto &a : std::as_const(actions))
            a();
    });
}

} // namespace Relais::Test
