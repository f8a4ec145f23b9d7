// The desks at a glance, offscreen, against a real relais-server: the menu entry is open to
// supervisors and admins only (a clerk's is disabled, its shortcut does nothing), the window lists
// the desks the server knows with what this desk reported at the end of its round, and a late desk
// stands out.

#include "deskswindow.h"
#include "draftstore.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "serverharness.h"
#include "store.h"
#include "storeworker.h"
#include "syncservice.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Relais;
using namespace Relais::Test;
using namespace Relais::Ui;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

QStringList dbArgs(const QString &db, const QStringList &rest)
{
    return QStringList{QStringLiteral("--db"), db} + rest;
}

} // namespace

class TestDesksWindow final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();

    void onlySupervisorsOpenIt_data();
    void onlySupervisorsOpenIt();
    void lateDeskStandsOut();
    void refusalIsShown();

private:
    QTemporaryDir m_dir;
    QString m_passwordFile;
    std::unique_ptr<ServerProcess> m_server;
    std::optional<Store> m_store;
    std::unique_ptr<StoreWorker> m_worker;
    std::unique_ptr<DraftStore> m_drafts;
    std::unique_ptr<Sync::Service> m_sync;
    std::unique_ptr<MainWindow> m_window;
};

void TestDesksWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("RELAIS_NO_KEYCHAIN", "1");
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("pw.txt"));
    QFile pw(m_passwordFile);
    QVERIFY(pw.open(QIODevice::WriteOnly));
    pw.write(kPassword.toUtf8());
}

void TestDesksWindow::cleanup()
{
    m_window.reset();
    m_sync.reset();
    m_drafts.reset();
    m_worker.reset();
    m_store.reset();
    m_server.reset();
}

void TestDesksWindow::onlySupervisorsOpenIt_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("clerk") << QStringLiteral("clerk") << false;
    QTest::newRow("supervisor") << QStringLiteral("supervisor") << true;
    QTest::newRow("admin") << QStringLiteral("admin") << true;
}

void TestDesksWindow::onlySupervisorsOpenIt()
{
    QFETCH(QString, role);
    QFETCH(bool, allowed);
    static int n = 0;
    const QString db = freshDatabaseUrl(QStringLiteral("deskswindow_%1").arg(++n));
    QVERIFY(!db.isEmpty());
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("init")})).exitCode, 0);
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("publisher"), QStringLiteral("add"),
                                QStringLiteral("OUEST"), QStringLiteral("--name"),
                                QStringLiteral("Ouest Médias")}))
                 .exitCode,
             0);
    QCOMPARE(runCli(dbArgs(db, {QStringLiteral("user"), QStringLiteral("add"),
                                QStringLiteral("sophie"), QStringLiteral("--role"), role,
                                QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                                QStringLiteral("--password-file"), m_passwordFile}))
                 .exitCode,
             0);
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(db));

    const QString path = m_dir.filePath(QStringLiteral("desk-%1.sqlite").arg(n));
    auto opened = Store::open(path);
    QVERIFY(opened.ok());
    m_store.emplace(std::move(opened).value());
    m_store->setActor(Actor{QStringLiteral("sophie"), ContactChannel::Desk});
    m_worker = std::make_unique<StoreWorker>(path);
    m_drafts = std::make_unique<DraftStore>(path);
    m_sync = std::make_unique<Sync::Service>(path, m_store->desk().deskId);
    m_window = std::make_unique<MainWindow>(
        DeskContext{&*m_store, m_worker.get(), m_drafts.get(), m_sync.get()});
    m_window->show();
    auto *action = m_window->findChild<QAction *>(QStringLiteral("action_desks"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled()); // nobody logged in: no role yet

    m_sync->start(QUrl(m_server->baseUrl()), QStringLiteral("sophie"));
    QSignalSpy rounds(m_sync.get(), &Sync::Service::roundFinished);
    m_sync->login(QStringLiteral("sophie"), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_sync->overview().state, Sync::State::UpToDate, 30000);
    QTRY_VERIFY(!rounds.isEmpty());
    QCOMPARE(action->isEnabled(), allowed);

    QTest::keyClick(m_window.get(), Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
    if (!allowed) {
        QTest::qWait(200);
        QVERIFY(m_window->findChild<DesksWindow *>() == nullptr);
        return;
    }
    DesksWindow *w = nullptr;
    QTRY_VERIFY((w = m_window->findChild<DesksWindow *>()) != nullptr);
    auto *table = w->findChild<QTableWidget *>(QStringLiteral("desks"));
    QVERIFY(table);
    // This desk, as it reported itself at the end of its round: nothing queued, its version.
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 20000);
    QCOMPARE(table->item(0, DesksWindow::Desk)->data(Qt::UserRole).toString(),
             m_store->desk().deskId);
    QCOMPARE(table->item(0, DesksWindow::Queue)->text(), QStringLiteral("0"));
    QVERIFY(table->item(0, DesksWindow::Version)->text() != QStringLiteral("—"));
    QVERIFY(table->item(0, DesksWindow::LastPull)->text() != QStringLiteral("—"));
    QCOMPARE(table->item(0, DesksWindow::Late)->text(), QString());
    QVERIFY(
        w->findChild<QLabel *>(QStringLiteral("state"))->text().contains(QStringLiteral("1 desk")));

    // A change queued while the server is gone, then back: the refresh shows the new report.
    m_server->stop();
    addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"), QStringLiteral("Martin")));
    QSignalSpy refreshed(w, &DesksWindow::refreshed);
    w->findChild<QPushButton *>(QStringLiteral("refresh"))->click();
    QVERIFY(refreshed.wait(20000));
    QVERIFY(w->findChild<QLabel *>(QStringLiteral("state"))
                ->text()
                .contains(QStringLiteral("cannot be reached")));
    QCOMPARE(table->rowCount(), 1); // what was shown stays
}

void TestDesksWindow::lateDeskStandsOut()
{
    DesksWindow w(nullptr);
    Protocol::DesksAnswer a;
    a.now = QStringLiteral("2026-12-03T15:00:00.000Z");
    a.cutoff = QStringLiteral("2026-12-03T13:00:00.000Z");
    Protocol::DeskLine fine;
    fine.deskId = QStringLiteral("11111111-1111-4111-8111-111111111111");
    fine.host = QStringLiteral("guichet-1");
    fine.queueDepth = 0;
    Protocol::DeskLine late;
    late.deskId = QStringLiteral("22222222-2222-4222-8222-222222222222");
    late.host = QStringLiteral("guichet-2");
    late.user = QStringLiteral("claire");
    late.queueDepth = 7;
    late.oldestQueuedAt = QStringLiteral("2026-12-03T09:12:00.000Z");
    late.clockSkewSeconds = -42;
    late.late = true;
    // Registered (a lease) before the cut-off, silent since, never reported: late, and says so.
    Protocol::DeskLine silent;
    silent.deskId = QStringLiteral("33333333-3333-4333-8333-333333333333");
    silent.registeredAt = QStringLiteral("2026-12-02T08:00:00.000Z");
    silent.late = true;
    a.desks = {fine, late, silent};
    w.setAnswer(a, {});
    auto *table = w.findChild<QTableWidget *>(QStringLiteral("desks"));
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(2, DesksWindow::Queue)->text(), QStringLiteral("never reported"));
    QCOMPARE(table->item(2, DesksWindow::Late)->text(), QStringLiteral("LATE"));
    QCOMPARE(table->item(0, DesksWindow::Queue)->text(), QStringLiteral("0"));
    QCOMPARE(table->item(0, DesksWindow::Late)->text(), QString());
    QCOMPARE(table->item(1, DesksWindow::Late)->text(), QStringLiteral("LATE"));
    QCOMPARE(table->item(1, DesksWindow::Desk)->text(), QStringLiteral("guichet-2 (claire)"));
    QCOMPARE(table->item(1, DesksWindow::Queue)->text(), QStringLiteral("7"));
    QVERIFY(table->item(1, DesksWindow::Skew)->text().contains(QStringLiteral("-42")));
    for (int c = 0; c < DesksWindow::ColumnCount; ++c) {
        QVERIFY(table->item(1, c)->font().bold());
        QVERIFY(!table->item(0, c)->font().bold());
    }
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("state"))
                ->text()
                .contains(QStringLiteral("2 desk(s) late")));
}

void TestDesksWindow::refusalIsShown()
{
    DesksWindow w(nullptr); // no sync: says so, asks nothing
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("state"))
                ->text()
                .contains(QStringLiteral("does not sync")));
    w.setAnswer({}, QStringLiteral("Only a supervisor or an administrator sees the desks."));
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("state"))
                ->text()
                .contains(QStringLiteral("supervisor")));
    QVERIFY(w.findChild<QPushButton *>(QStringLiteral("refresh"))->isEnabled());
}

QTEST_MAIN(TestDesksWindow)
#include "tst_deskswindow.moc"
