// The desks at a glance, from a real desk (issue 10): a round ends with the desk's report, and the
// server shows what a supervisor needs — a desk that was offline and comes back while its changes
// still cannot get through reports how many wait and since when; once they are through, the queue
// is empty and the push is there. A round that changes nothing sends no report again.
// A real desk (a Store and the sync engine) against a real relais-server behind a fault proxy, on
// SQLite and, under tests/server/run-with-postgres.sh, on PostgreSQL.

#include "faultproxy.h"
#include "serverharness.h"
#include "syncfixture.h"

#include "outbox.h"
#include "store.h"
#include "syncengine.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace Relais;
using namespace Relais::Test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

} // namespace

class TestDeskReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void roundReportsTheQueueAfterOffline_data();
    void roundReportsTheQueueAfterOffline();

private:
    bool makeServer();
    // This desk in GET admin/desks, as the supervisor sees it (empty: not there).
    QJsonObject serverView(const QString &deskId);
    void addTitle(Store &store, const QString &code);

    QTemporaryDir m_dir;
    QString m_passwordFile;
    SyncServer m_server;
    int m_serverCount = 0;
};

void TestDeskReport::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
}

void TestDeskReport::cleanup()
{
    m_server.stop();
}

bool TestDeskReport::makeServer()
{
    return m_server.make(QStringLiteral("relais_deskreport_%1").arg(++m_serverCount),
                         m_passwordFile, kPassword);
}

QJsonObject TestDeskReport::serverView(const QString &deskId)
{
    const Response r = m_server.http->get(QStringLiteral("/api/v1/admin/desks"),
                                          m_server.supervisor);
    if (r.status != 200)
        qWarning() << "admin/desks:" << r.status << r.body;
    for (const QJsonValue &v : r.json.value(QStringLiteral("desks")).toArray())
        if (v.toObject().value(QStringLiteral("desk_id")).toString() == deskId)
            return v.toObject();
    return {};
}

void TestDeskReport::addTitle(Store &store, const QString &code)
{
    Publication p;
    p.code = code;
    p.name = QStringLiteral("Titre ") + code;
    p.weekdays = *Weekdays::parse(QStringLiteral("1-6"));
    auto added = store.addPublication(p);
    QVERIFY2(added.ok(), qPrintable(added ? QString() : added.error().fullText()));
}

void TestDeskReport::roundReportsTheQueueAfterOffline_data()
{
    // How many changes the clerk makes while the desk is cut off.
    QTest::addColumn<int>("changes");
    QTest::newRow("one change") << 1;
    QTest::newRow("three changes") << 3;
}

void TestDeskReport::roundReportsTheQueueAfterOffline()
{
    QFETCH(int, changes);
    QVERIFY(makeServer());
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto opened = Store::open(
        freshDatabasePath(QStringLiteral("report-%1.sqlite").arg(m_serverCount)));
    QVERIFY(opened.ok());
    Store store = std::move(opened).value();
    store.setActor(Actor{QStringLiteral("claire"), ContactChannel::Phone});
    const QString path = store.path();
    const QString deskId = store.desk().deskId;

    Sync::Engine engine(path);
    engine.setTuning(fastSyncTuning());
    QVERIFY(engine.open());
    QVERIFY(loginEngine(engine, QUrl(proxy.baseUrl()), QStringLiteral("clerk"), kPassword));
    QCOMPARE(syncRound(engine).outcome, QStringLiteral("ok"));

    // The first round told the server who this desk is.
    QJsonObject seen = serverView(deskId);
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.value(QStringLiteral("queue_depth")).toInteger(), 0);
    QVERIFY(seen.value(QStringLiteral("oldest_queued_at")).isNull());
    QVERIFY(!seen.value(QStringLiteral("app_version")).toString().isEmpty());
    QCOMPARE(seen.value(QStringLiteral("epoch_current")).toBool(), true);
    QVERIFY(seen.value(QStringLiteral("numbers_left")).toInteger()
            > 0); // the block leased in the round
    QVERIFY(!seen.value(QStringLiteral("last_pull_at")).toString().isEmpty());
    QVERIFY(seen.value(QStringLiteral("last_push_at")).isNull()); // nothing to push yet

    // Cut off: the clerk works on, the changes queue.
    proxy.setRefusing(true);
    for (int i = 0; i < changes; ++i)
        addTitle(store, QStringLiteral("T%1").arg(i));
    QCOMPARE(syncRound(engine).outcome, QStringLiteral("offline"));
    const OutboxSummary queued = Outbox(store.db()).summary();
    QCOMPARE(queued.pending, qint64(changes));
    QVERIFY(!queued.oldestPendingAt.isEmpty());
    QCOMPARE(serverView(deskId).value(QStringLiteral("queue_depth")).toInteger(),
             0); // the server cannot know yet

    // Back, but the pushes still fail (an overloaded server, a proxy in the way): the round ends
    // with the report of what waits here, and since when.
    proxy.setRefusing(false);
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::Answer503, 1000);
    QCOMPARE(syncRound(engine).outcome, QStringLiteral("offline"));
    seen = serverView(deskId);
    QCOMPARE(seen.value(QStringLiteral("queue_depth")).toInteger(), qint64(changes));
    QCOMPARE(seen.value(QStringLiteral("oldest_queued_at")).toString(), queued.oldestPendingAt);
    QVERIFY(seen.value(QStringLiteral("last_push_at")).isNull());

    // Through at last: the queue is empty, the push is recorded.
    proxy.clearFaults();
    QCOMPARE(syncRound(engine).outcome, QStringLiteral("ok"));
    seen = serverView(deskId);
    QCOMPARE(seen.value(QStringLiteral("queue_depth")).toInteger(), 0);
    QVERIFY(seen.value(QStringLiteral("oldest_queued_at")).isNull());
    QVERIFY(!seen.value(QStringLiteral("last_push_at")).toString().isEmpty());
    QCOMPARE(seen.value(QStringLiteral("late")).toBool(), false);

    // Nothing changed since: the next round sends no report (an idle desk costs the server nothing).
    proxy.resetCounts();
    QCOMPARE(syncRound(engine).outcome, QStringLiteral("ok"));
    QCOMPARE(proxy.count("POST /api/v1/sync/desk-status"), 0);
    QVERIFY(proxy.count("GET /api/v1/sync/pull") > 0);
}

QTEST_GUILESS_MAIN(TestDeskReport)
#include "tst_desk_report.moc"
