#pragma once
// A small HTTP-aware TCP proxy between a desk and relais-server, on 127.0.0.1, for the faults a
// desk meets in the field: a reply lost after the server applied the request, a body cut half way,
// a 503, connections refused, a slow line, a request or reply held while a test kills the desk.
// It runs on a thread of its own, so a test may block (QProcess::waitForFinished, a synchronous
// HTTP call) while the desk's traffic still flows. It counts every request it sees ("METHOD path").
//
// It understands just enough HTTP/1.1 for Qt's clients and relais-server: requests with a
// Content-Length body, responses with Content-Length (or read to the close); a WebSocket upgrade
// turns the connection into a plain tunnel.

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Relais::Test {

class FaultProxyWorker;

class FaultProxy final
{
public:
    enum class Fault {
        DropReply, // forwarded; the server's complete answer is thrown away and the connection cut
        CutReply, // forwarded; the headers and half the body are passed on, then the connection cut
        Answer503,   // not forwarded: 503 server.unavailable (Retry-After: 0)
        CloseEarly,  // not forwarded: the connection is cut at once (the server never sees it)
        HoldRequest, // not forwarded until release() (a kill of the desk "before send")
        HoldReply, // forwarded; the answer is kept until release() (a kill "after the server applied")
        StripNextPage, // forwarded; the answer's Relais-Next-Page header taken out (an older server)
        MisnameNextPage, // forwarded; that header says `end` whatever the page says
    };

    FaultProxy();
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    bool start(quint16 upstreamPort);
    void setUpstream(quint16 upstreamPort); // a server restarted on another port
    quint16 port() const;
    QString baseUrl() const;

    // The requests whose "METHOD /path?query" starts with `prefix`: the first `skip` pass, the next
    // `times` get `fault`.
    void addFault(const QByteArray &prefix, Fault fault, int times = 1, int skip = 0);
    void clearFaults();
    // Every answer waits this long before it is passed on (a slow line, to kill a desk mid-round).
    void setReplyDelay(int ms);
    // Refusing: the listening socket is closed (connection refused) and open connections are cut.
    void setRefusing(bool refusing);

    int count(const QByteArray &prefix) const; // requests seen (faulted ones included)
    QList<QByteArray> requests() const;        // "METHOD /path?query", in arrival order
    void resetCounts();
    int held() const; // requests or replies held now
    void release();   // passes on whatever is held

private:
    std::unique_ptr<FaultProxyWorker> m_worker;
};

} // namespace Relais::Test
