// Two relais-server processes on one database, four desks pushing at once through both, and a desk
// pulling while they push. The global sequence must come out gap-free and in commit order, a pull
// that follows its cursor must never skip a change that committed late, and no change may be lost.
// Run on SQLite (two processes on one file) and, under run-with-postgres.sh, on PostgreSQL.

#include "fakedesk.h"
#include "serverharness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <memory>

#include <functional>

using namespace Relais::Test;

namespace {
const QString kPassword = QStringLiteral("correct horse battery staple");
constexpr int kDesks = 4;
constexpr int kBatches = 25;
constexpr int kOpsPerBatch = 20;
constexpr int kSubscribersPerDesk = 10;
} // namespace

class TestServerConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fourDesksTwoServers();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    struct Desk
    {
        FakeDesk desk;
        QByteArray token;
        QStringList subscribers;
        QHash<QString, QString> notes; // what this desk last wrote
        int batch = 0;
        QList<qint64> revs; // in desk sequence order
        bool done = false;
        QString error;
    };
    void sendNext(Desk &d);
    void pollOnce();

    QString m_db;
    ServerProcess m_servers[2];
    QNetworkAccessManager m_nam;
    std::vector<std::unique_ptr<Desk>> m_desks;
    qint64 m_number = 0;
    // The concurrent reader.
    QByteArray m_readerToken;
    qint64 m_cursor = 0;
    QList<qint64> m_polled;
    int m_polls = 0;
    bool m_pollBusy = false;
};

void TestServerConcurrency::initTestCase()
{
    m_db = freshDatabaseUrl(QStringLiteral("relais_concurrency"));
    QVERIFY(!m_db.isEmpty());
    m_tmp = std::make_unique<QTemporaryDir>(); // lives as long as the suite, removed after it
    QTemporaryDir *dir = m_tmp.get();
    const QString pw = dir->filePath(QStringLiteral("pw"));
    QFile f(pw);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8());
    f.close();
    const QStringList db{QStringLiteral("--db"), m_db};
    QCOMPARE(runCli(db + QStringList{QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(runCli(db
                    + QStringList{QStringLiteral("publisher"), QStringLiteral("add"),
                                  QStringLiteral("OUEST"), QStringLiteral("--name"),
                                  QStringLiteral("Ouest")})
                 .exitCode,
             0);
    QCOMPARE(runCli(db
                    + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                  QStringLiteral("clerk"), QStringLiteral("--role"),
                                  QStringLiteral("clerk"), QStringLiteral("--publisher"),
                                  QStringLiteral("OUEST"), QStringLiteral("--password-file"), pw})
                 .exitCode,
             0);
    for (ServerProcess &s : m_servers)
        QVERIFY(s.start(m_db));
    for (int i = 0; i < kDesks; ++i) {
        auto d = std::make_unique<Desk>();
        Http http(m_servers[i % 2].baseUrl());
        d->token = http.login(QStringLiteral("clerk"), kPassword);
        QVERIFY(!d->token.isEmpty());
        m_desks.push_back(std::move(d));
    }
    m_readerToken = Http(m_servers[0].baseUrl()).login(QStringLiteral("clerk"), kPassword);
    QVERIFY(!m_readerToken.isEmpty());
}

void TestServerConcurrency::sendNext(Desk &d)
{
    if (d.batch == kBatches) {
        d.done = true;
        return;
    }
    QJsonArray ops;
    for (int i = 0; i < kOpsPerBatch; ++i) {
        if (d.subscribers.size() < kSubscribersPerDesk) {
            const QString id = uuid();
            d.subscribers << id;
            d.notes.insert(id, QString());
            ops.append(d.desk.op(QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                                 id, subscriberRow(++m_number, QStringLiteral("Concurrent"))));
            continue;
        }
        const QString id = d.subscribers.at((d.batch * kOpsPerBatch + i) % d.subscribers.size());
        const QString
            next = QStringLiteral("%1-%2-%3").arg(d.desk.id().left(8)).arg(d.batch).arg(i);
        ops.append(d.desk.op(QStringLiteral("subscriber.update"), QStringLiteral("subscriber"), id,
                             {{QStringLiteral("notes"), next}},
                             {{QStringLiteral("notes"), d.notes.value(id)}}));
        d.notes.insert(id, next);
    }
    // Batches alternate between the two servers.
    const ServerProcess &server = m_servers[d.batch % 2];
    QNetworkRequest req(QUrl(server.baseUrl() + QStringLiteral("/api/v1/sync/push")));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    req.setRawHeader("Authorization", QByteArray("Bearer ") + d.token);
    QNetworkReply *reply = m_nam.post(req, QJsonDocument(d.desk.push(ops))
                                               .toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, &d] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            d.error = QStringLiteral("push status %1: %2")
                          .arg(status)
                          .arg(QString::fromUtf8(QJsonDocument(o).toJson()));
            d.done = true;
            return;
        }
        for (const QJsonValue &v : o.value(QStringLiteral("results")).toArray()) {
            const QJsonObject r = v.toObject();
            if (r.value(QStringLiteral("status")).toString() != u"applied") {
                d.error = QStringLiteral("op not applied: ")
                          + QString::fromUtf8(QJsonDocument(r).toJson());
                d.done = true;
                return;
            }
            d.revs << r.value(QStringLiteral("rev")).toInteger();
        }
        ++d.batch;
        sendNext(d);
    });
}

void TestServerConcurrency::pollOnce()
{
    if (m_pollBusy)
        return;
    m_pollBusy = true;
    const ServerProcess &server = m_servers[m_polls++ % 2];
    QNetworkRequest req(QUrl(
        server.baseUrl() + QStringLiteral("/api/v1/sync/pull?since=%1&limit=137").arg(m_cursor)));
    req.setRawHeader("Authorization", QByteArray("Bearer ") + m_readerToken);
    QNetworkReply *reply = m_nam.get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_pollBusy = false;
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        for (const QJsonValue &v : o.value(QStringLiteral("changes")).toArray())
            m_polled << v.toObject().value(QStringLiteral("seq")).toInteger();
        if (o.contains(QStringLiteral("next")))
            m_cursor = o.value(QStringLiteral("next")).toInteger();
    });
}

void TestServerConcurrency::fourDesksTwoServers()
{
    // A desk holding the notification channel on server 0 only.
    QWebSocket ws;
    qint64 announced = -1;
    int announcements = 0;
    connect(&ws, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
        announced = qMax(announced, QJsonDocument::fromJson(text.toUtf8())
                                        .object()
                                        .value(QStringLiteral("head"))
                                        .toInteger());
        ++announcements;
    });
    QNetworkRequest wsReq(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/sync/notify").arg(m_servers[0].port())));
    wsReq.setRawHeader("Authorization", QByteArray("Bearer ") + m_readerToken);
    ws.open(wsReq);
    QTRY_COMPARE_WITH_TIMEOUT(announced, qint64(0), 10000);

    QElapsedTimer timer;
    timer.start();
    for (auto &d : m_desks)
        sendNext(*d);
    QTimer poller;
    connect(&poller, &QTimer::timeout, this, &TestServerConcurrency::pollOnce);
    poller.start(5);
    const auto allDone = [this] {
        for (const auto &d : m_desks)
            if (!d->done)
                return false;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDone(), 240000);
    poller.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!m_pollBusy, 30000);
    for (const auto &d : m_desks)
        QVERIFY2(d->error.isEmpty(), qPrintable(d->error));
    const qint64 total = qint64(kDesks) * kBatches * kOpsPerBatch;
    qInfo("%lld operations from %d desks through 2 servers in %lld ms (%.0f ops/s); %d concurrent "
          "pulls",
          total, kDesks, timer.elapsed(), double(total) * 1000.0 / double(timer.elapsed()),
          m_polls);

    // The concurrent reader catches up by following its cursor, and must have missed nothing.
    Http http(m_servers[1].baseUrl());
    for (int guard = 0; guard < 1000; ++guard) {
        const Response r = http.get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=1000")
                                        .arg(m_cursor),
                                    m_readerToken);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : r.json.value(QStringLiteral("changes")).toArray())
            m_polled << v.toObject().value(QStringLiteral("seq")).toInteger();
        m_cursor = r.json.value(QStringLiteral("next")).toInteger();
        if (!r.json.value(QStringLiteral("more")).toBool())
            break;
    }
    QCOMPARE(qint64(m_polled.size()), total);
    for (int i = 0; i < m_polled.size(); ++i)
        QCOMPARE(m_polled.at(i), qint64(i + 1)); // gap-free, in order, nothing skipped or repeated

    // Each desk's changes were numbered in the order the desk made them.
    for (const auto &d : m_desks) {
        QCOMPARE(d->revs.size(), kBatches * kOpsPerBatch);
        for (int i = 1; i < d->revs.size(); ++i)
            QVERIFY(d->revs.at(i) > d->revs.at(i - 1));
        const Response r = http.get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=1&desk_id=%2")
                                        .arg(total)
                                        .arg(d->desk.id()),
                                    d->token);
        QCOMPARE(r.json.value(QStringLiteral("desk_last_seq")).toInteger(), d->desk.lastSeq());
    }

    // Server 0 announced the last head, including commits made through server 1: with PostgreSQL
    // the news crosses processes by LISTEN/NOTIFY. (SQLite is one process in production; there
    // each process announces its own commits only, and server 0 made the last commit or not.)
    if (usingPostgres())
        QTRY_COMPARE_WITH_TIMEOUT(announced, total, 10000);
    else
        QVERIFY(announced > 0);
    qInfo("%d announcements on the notification channel", announcements);
    ws.close();

    // No lost change: every subscriber holds the last value its desk wrote.
    QHash<QString, QString> serverNotes;
    QString after;
    for (int guard = 0; guard < 100; ++guard) {
        const Response r = http.get(QStringLiteral(
                                        "/api/v1/sync/snapshot?table=subscriber&limit=1000")
                                        + (after.isEmpty() ? QString()
                                                           : QStringLiteral("&after=") + after),
                                    m_readerToken);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : r.json.value(QStringLiteral("rows")).toArray())
            serverNotes.insert(v.toObject().value(QStringLiteral("id")).toString(),
                               v.toObject().value(QStringLiteral("notes")).toString());
        const QJsonObject next = r.json.value(QStringLiteral("next")).toObject();
        if (next.value(QStringLiteral("table")).toString() != u"subscriber")
            break;
        after = next.value(QStringLiteral("after")).toString();
    }
    QCOMPARE(serverNotes.size(), kDesks * kSubscribersPerDesk);
    for (const auto &d : m_desks)
        for (auto it = d->notes.cbegin(); it != d->notes.cend(); ++it)
            QCOMPARE(serverNotes.value(it.key()), it.value());
}

QTEST_GUILESS_MAIN(TestServerConcurrency)
#include "tst_server_concurrency.moc"
