// Overlapped pushes (issue 9): the desk reads and writes out the next batch while the server
// applies the one before, and sends it as soon as that one is answered, before recording the
// answer. These tests prove that the overlap happens and that it loses nothing and sends nothing
// twice when an answer is lost, when the answer cannot be recorded while the next batch is on its
// way, or when the server is killed between batches. The first copy overlaps too (a page asked
// for from the server's Relais-Next-Page header while the one before is read and written): a
// header that disagrees with its page is refused, and a server without the header still works.
// Real desks against a real relais-server,
// through the fault proxy; on SQLite and, under tests/server/run-with-postgres.sh, on PostgreSQL.

#include "faultproxy.h"
#include "serverharness.h"
#include "syncfixture.h"

#include "outbox.h"
#include "store.h"
#include "syncengine.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Relais;
using namespace Relais::Test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
constexpr int kBatch = 40;
constexpr int kOperations = 190; // five batches: 40 + 40 + 40 + 40 + 30

struct Desk
{
    QString path;
    std::optional<Store> store;
    std::unique_ptr<Sync::Engine> engine;
    Outbox outbox() { return Outbox(store->db()); }
    int pending() { return outbox().summary().pending; }
};

} // namespace

class TestPushOverlap : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void batchesOverlap_data();
    void batchesOverlap();
    void lostAnswerInTheMiddle_data();
    void lostAnswerInTheMiddle();
    void answerNotRecordedWhileTheNextIsOnItsWay();
    void serverKilledBetweenBatches();
    void firstCopyPagesAskedAhead_data();
    void firstCopyPagesAskedAhead();

private:
    bool makeServer(const QString &name);
    std::unique_ptr<Desk> newDesk();
    bool connectDesk(Desk &d, const QString &url, bool overlap = true, int snapshotLimit = 0);
    void queue(Desk &d, int n, const QString &prefix);
    void expectServerHoldsEachOnce(Desk &d, int rows);

    QTemporaryDir m_dir;
    QString m_passwordFile;
    SyncServer m_server;
    int m_serverCount = 0;
};

void TestPushOverlap::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
}

void TestPushOverlap::cleanup()
{
    m_server.stop();
}

bool TestPushOverlap::makeServer(const QString &name)
{
    return m_server.make(QStringLiteral("relais_overlap_%1_%2").arg(name).arg(++m_serverCount),
                         m_passwordFile, kPassword);
}

std::unique_ptr<Desk> TestPushOverlap::newDesk()
{
    auto d = std::make_unique<Desk>();
    d->path = freshDatabasePath();
    auto opened = Store::open(d->path);
    if (!opened)
        qFatal("desk: %s", qPrintable(opened.error().fullText()));
    d->store.emplace(std::move(opened).value());
    d->store->setActor(Actor{QStringLiteral("claire"), ContactChannel::Phone});
    return d;
}

bool TestPushOverlap::connectDesk(Desk &d, const QString &url, bool overlap, int snapshotLimit)
{
    d.engine = std::make_unique<Sync::Engine>(d.path);
    Sync::Engine::Tuning t = fastSyncTuning();
    t.pushBatch = kBatch;
    t.overlapPushes = overlap;
    if (snapshotLimit > 0)
        t.snapshotLimit = snapshotLimit;
    d.engine->setTuning(t);
    if (!d.engine->open())
        return false;
    return loginEngine(*d.engine, QUrl(url), QStringLiteral("clerk"), kPassword);
}

void TestPushOverlap::queue(Desk &d, int n, const QString &prefix)
{
    for (int i = 0; i < n; ++i) {
        Subscriber s;
        s.civility = QStringLiteral("Mme");
        s.firstName = QStringLiteral("Claire");
        s.lastName = QStringLiteral("%1%2").arg(prefix).arg(i);
        s.address.line4 = QStringLiteral("%1 rue de la Paix").arg(i + 1);
        s.address.postalCode = QStringLiteral("75002");
        s.address.city = QStringLiteral("PARIS");
        auto added = d.store->addSubscriber(s);
        QVERIFY2(added, added ? "" : qPrintable(added.error().fullText()));
    }
}

// Every queued operation reached the server once (one change per row), the server holds the
// desk's last number, and desk and server agree table by table.
void TestPushOverlap::expectServerHoldsEachOnce(Desk &d, int rows)
{
    const QList<QJsonObject> changes = serverChanges(*m_server.http, m_server.supervisor);
    const QHash<QString, int> perRow = changesPerRow(changes);
    QCOMPARE(liveRowsInChanges(changes, QStringLiteral("subscriber")), rows);
    for (auto it = perRow.cbegin(); it != perRow.cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("%1 changed %2 times").arg(it.key()).arg(it.value())));
    QCOMPARE(d.pending(), 0);
    QCOMPARE(Test::serverDeskLastSeq(*m_server.http, m_server.supervisor, d.store->desk().deskId),
             d.outbox().lastDeskSeq());
    QCOMPARE(checksumDisagreement(d.store->db(),
                                  serverChecksums(*m_server.http, m_server.supervisor)),
             QString());
}

void TestPushOverlap::batchesOverlap_data()
{
    QTest::addColumn<bool>("overlap");
    QTest::addColumn<int>("expectedOverlapped");
    // Five batches: the second to the fifth leave before the answer before them is recorded.
    QTest::newRow("overlapped") << true << 4;
    QTest::newRow("one batch at a time (Tuning::overlapPushes off)") << false << 0;
}

void TestPushOverlap::batchesOverlap()
{
    QFETCH(bool, overlap);
    QFETCH(int, expectedOverlapped);
    QVERIFY(makeServer(QStringLiteral("plain")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk();
    QVERIFY(connectDesk(*a, proxy.baseUrl(), overlap));
    QCOMPARE(syncRound(*a->engine).outcome, QStringLiteral("ok"));
    queue(*a, kOperations, QStringLiteral("Durand"));
    QCOMPARE(a->pending(), kOperations);
    proxy.resetCounts();
    const Sync::Receipt r = syncRound(*a->engine);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.pushed, kOperations);
    QCOMPARE(r.applied, kOperations);
    QCOMPARE(r.repeated, 0);
    QCOMPARE(r.overlapped, expectedOverlapped);
    QCOMPARE(proxy.count("POST /api/v1/sync/push"), 5);
    expectServerHoldsEachOnce(*a, kOperations);
}

void TestPushOverlap::lostAnswerInTheMiddle_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("skip");     // pushes that pass before the fault
    QTest::addColumn<int>("repeated"); // operations the next round finds applied already
    // The third batch left overlapped (before the second answer was recorded); its answer is lost
    // after the server applied it: the next round sends it again and the server answers repeats.
    QTest::newRow("third answer lost after the server applied it")
        << int(FaultProxy::Fault::DropReply) << 2 << kBatch;
    QTest::newRow("third answer cut half way") << int(FaultProxy::Fault::CutReply) << 2 << kBatch;
    // The third batch never reached the server: nothing repeated.
    QTest::newRow("third batch cut before the server")
        << int(FaultProxy::Fault::CloseEarly) << 2 << 0;
    QTest::newRow("second answer a 503") << int(FaultProxy::Fault::Answer503) << 1 << 0;
}

void TestPushOverlap::lostAnswerInTheMiddle()
{
    QFETCH(int, fault);
    QFETCH(int, skip);
    QFETCH(int, repeated);
    QVERIFY(makeServer(QStringLiteral("lost")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk();
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(syncRound(*a->engine).outcome, QStringLiteral("ok"));
    queue(*a, kOperations, QStringLiteral("Petit"));
    // Three times: a request cut on a kept-alive connection may be sent again once by the client.
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault(fault), 3, skip);
    Sync::Receipt r = syncRound(*a->engine);
    QCOMPARE(r.outcome, QStringLiteral("offline"));
    // The batches answered before the fault are recorded, nothing after them.
    QCOMPARE(a->pending(), kOperations - skip * kBatch);
    proxy.clearFaults();
    r = syncRound(*a->engine);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, kOperations - skip * kBatch);
    QCOMPARE(r.repeated, repeated);
    expectServerHoldsEachOnce(*a, kOperations);
}

void TestPushOverlap::answerNotRecordedWhileTheNextIsOnItsWay()
{
    // The first answer arrives, the second batch leaves at once, and then the desk cannot record
    // the first answer (another connection holds the file's write lock past the busy timeout).
    // The round ends; the second answer, arriving after it, is dropped. Both batches are still
    // pending on the desk, and the next round sends them again: the server answers repeats.
    QVERIFY(makeServer(QStringLiteral("recording")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk();
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(syncRound(*a->engine).outcome, QStringLiteral("ok"));
    queue(*a, kOperations, QStringLiteral("Moreau"));
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldReply);
    QSignalSpy rounds(a->engine.get(), &Sync::Engine::roundFinished);
    a->engine->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(proxy.held() > 0, 10000);
    QSqlQuery lock(a->store->db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    proxy.release();
    QTRY_VERIFY_WITH_TIMEOUT(!rounds.isEmpty(), 30000);
    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    QCOMPARE(rounds.first().at(0).value<Sync::Receipt>().outcome, QStringLiteral("error"));
    QCOMPARE(rounds.first().at(0).value<Sync::Receipt>().overlapped, 1);
    // The second batch reached the server while the first answer was being recorded.
    QTRY_COMPARE_WITH_TIMEOUT(proxy.count("POST /api/v1/sync/push"), 2, 10000);
    QTest::qWait(300); // its answer arrives after the round: dropped, nothing recorded
    QCOMPARE(a->pending(), kOperations);
    const Sync::Receipt r = syncRound(*a->engine);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, kOperations);
    QCOMPARE(r.repeated, 2 * kBatch);
    expectServerHoldsEachOnce(*a, kOperations);
}

void TestPushOverlap::serverKilledBetweenBatches()
{
    // The server is killed while an overlapped batch is on its way (the proxy holds its answer);
    // a new server process on the same database: nothing lost, nothing applied twice.
    QVERIFY(makeServer(QStringLiteral("killed")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk();
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(syncRound(*a->engine).outcome, QStringLiteral("ok"));
    queue(*a, kOperations, QStringLiteral("Lefebvre"));
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldReply, 1, 2);
    QSignalSpy rounds(a->engine.get(), &Sync::Engine::roundFinished);
    a->engine->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(proxy.held() > 0, 10000);
    m_server.process.kill();
    proxy.release();
    QTRY_VERIFY_WITH_TIMEOUT(!rounds.isEmpty(), 60000);
    QVERIFY(rounds.first().at(0).value<Sync::Receipt>().outcome != u"ok");
    QVERIFY(m_server.restart(kPassword));
    proxy.setUpstream(m_server.process.port());
    a->engine->login(QStringLiteral("clerk"), kPassword);
    Sync::Receipt r = syncRound(*a->engine);
    if (r.outcome == u"login") // the old session died with the process on a store without sessions
        r = syncRound(*a->engine);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    expectServerHoldsEachOnce(*a, kOperations);
}

void TestPushOverlap::firstCopyPagesAskedAhead_data()
{
    QTest::addColumn<int>("fault"); // on every snapshot page from the third; -1: none
    QTest::addColumn<bool>("firstRoundOk");
    QTest::newRow("the server names the next page in a header") << -1 << true;
    QTest::newRow("an older server, without that header")
        << int(FaultProxy::Fault::StripNextPage) << true;
    QTest::newRow("the header says the copy ends, the page names a next one")
        << int(FaultProxy::Fault::MisnameNextPage) << false;
}

void TestPushOverlap::firstCopyPagesAskedAhead()
{
    QFETCH(int, fault);
    QFETCH(bool, firstRoundOk);
    const auto subscribers = [](Desk &d) {
        QSqlQuery q(d.store->db());
        return q.exec(QStringLiteral("SELECT count(*) FROM subscriber WHERE deleted = 0"))
                       && q.next()
                   ? q.value(0).toInt()
                   : -1;
    };
    QVERIFY(makeServer(QStringLiteral("firstcopy")));
    auto a = newDesk();
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    QCOMPARE(syncRound(*a->engine).outcome, QStringLiteral("ok"));
    queue(*a, kOperations, QStringLiteral("Garnier"));
    QCOMPARE(syncRound(*a->engine).outcome, QStringLiteral("ok"));

    // A new desk copies it in pages of 20 rows, through the proxy.
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto b = newDesk();
    QVERIFY(connectDesk(*b, proxy.baseUrl(), true, 20));
    if (fault >= 0)
        proxy.addFault("GET /api/v1/sync/snapshot", FaultProxy::Fault(fault), 1000, 2);
    proxy.resetCounts();
    Sync::Receipt r = syncRound(*b->engine);
    const QList<QByteArray> asked = proxy.requests();
    QList<QByteArray> pages;
    for (const QByteArray &req : asked)
        if (req.startsWith("GET /api/v1/sync/snapshot"))
            pages << req;
    // No page is asked for twice, and none after the last.
    QCOMPARE(QSet<QByteArray>(pages.cbegin(), pages.cend()).size(), pages.size());
    if (firstRoundOk) {
        QVERIFY2(pages.size() >= 10, qPrintable(QString::number(pages.size())));
        QCOMPARE(r.outcome, QStringLiteral("ok"));
        QCOMPARE(subscribers(*b), subscribers(*a));
    } else {
        // Two pages written; the third refused before anything of it was written, and no page
        // asked for after it (its header said the copy ended).
        QCOMPARE(r.outcome, QStringLiteral("offline"));
        QCOMPARE(pages.size(), 3);
        proxy.clearFaults();
        proxy.resetCounts();
        r = syncRound(*b->engine);
        QCOMPARE(r.outcome, QStringLiteral("ok"));
        // The copy went on from the third page.
        QCOMPARE(proxy.requests().first(), pages.at(2));
        QCOMPARE(subscribers(*b), subscribers(*a));
    }
    QCOMPARE(checksumDisagreement(b->store->db(),
                                  serverChecksums(*m_server.http, m_server.supervisor)),
             QString());
}

QTEST_GUILESS_MAIN(TestPushOverlap)
#include "tst_push_overlap.moc"
