// The window's side of sync, offscreen, against a real relais-server on 127.0.0.1: the status bar
// states (local only, login needed, up to date, offline with the queue kept), the login dialog
// driven by the keyboard, and the conflict dialog turning a clerk's choice into an operation that
// reaches the server.

#include "backupdialog.h"
#include "deskstatus.h"
#include "draftstore.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "outbox.h"
#include "searchpane.h"
#include "serverharness.h"
#include "store.h"
#include "storeworker.h"
#include "subscriberlistmodel.h"
#include "syncdialogs.h"
#include "syncengine.h"
#include "syncservice.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

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

class TestSyncUi final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void localOnlyWithoutServer();
    void loginDialogThenUpToDate();
    void offlineKeepsTheQueue();
    void conflictDialogSendsTheChoice();
    void firstCopyShowsProgressAndStops();
    void expiredSessionOfflineAsksForLogin();
    void pulledPagesRefreshTheListOnceASecond();

private:
    struct Desk
    {
        std::optional<Store> store;
        std::unique_ptr<StoreWorker> worker;
        std::unique_ptr<DraftStore> drafts;
        std::unique_ptr<Sync::Service> sync;
        std::unique_ptr<MainWindow> window;
    };
    void openDesk(Desk &d, const QString &file, bool withSync = true);
    Sync::Receipt syncOther(Store &store, const QString &path);

    QTemporaryDir m_dir;
    QString m_passwordFile;
    QString m_db;
    std::unique_ptr<ServerProcess> m_server;
    Desk m_desk;
};

void TestSyncUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("RELAIS_NO_KEYCHAIN", "1"); // the token goes to the test's own data folder
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("pw.txt"));
    QFile pw(m_passwordFile);
    QVERIFY(pw.open(QIODevice::WriteOnly));
    pw.write(kPassword.toUtf8());
}

void TestSyncUi::init()
{
    static int n = 0;
    m_db = freshDatabaseUrl(QStringLiteral("syncui_%1").arg(++n));
    QVERIFY(!m_db.isEmpty());
    QCOMPARE(runCli(dbArgs(m_db, {QStringLiteral("init")})).exitCode, 0);
    QCOMPARE(runCli(dbArgs(m_db, {QStringLiteral("publisher"), QStringLiteral("add"),
                                  QStringLiteral("OUEST"), QStringLiteral("--name"),
                                  QStringLiteral("Ouest Médias")}))
                 .exitCode,
             0);
    for (const char *user : {"claire", "bruno"})
        QCOMPARE(runCli(dbArgs(m_db, {QStringLiteral("user"), QStringLiteral("add"),
                                      QString::fromLatin1(user), QStringLiteral("--role"),
                                      QStringLiteral("clerk"), QStringLiteral("--publisher"),
                                      QStringLiteral("OUEST"), QStringLiteral("--password-file"),
                                      m_passwordFile}))
                     .exitCode,
                 0);
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start(m_db));
}

void TestSyncUi::cleanup()
{
    m_desk.window.reset();
    m_desk.sync.reset();
    m_desk.drafts.reset();
    m_desk.worker.reset();
    m_desk.store.reset();
    m_server.reset();
}

void TestSyncUi::openDesk(Desk &d, const QString &file, bool withSync)
{
    const QString path = m_dir.filePath(file);
    auto opened = Store::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().fullText()));
    d.store.emplace(std::move(opened).value());
    d.store->setActor(Actor{QStringLiteral("claire"), ContactChannel::Desk});
    d.worker = std::make_unique<StoreWorker>(path);
    d.drafts = std::make_unique<DraftStore>(path);
    if (withSync)
        d.sync = std::make_unique<Sync::Service>(path, d.store->desk().deskId);
    d.window = std::make_unique<MainWindow>(
        DeskContext{&*d.store, d.worker.get(), d.drafts.get(), d.sync.get()});
    d.window->show();
}

// A second desk, synced without a window (the engine on this thread).
Sync::Receipt TestSyncUi::syncOther(Store &store, const QString &path)
{
    Q_UNUSED(store);
    Sync::Engine engine(path);
    engine.open();
    engine.configure(QUrl(m_server->baseUrl()), QStringLiteral("bruno"));
    QSignalSpy done(&engine, &Sync::Engine::roundFinished);
    QObject::connect(&engine, &Sync::Engine::tokenIssued, &engine, [&engine] { engine.syncNow(); });
    engine.login(QStringLiteral("bruno"), kPassword);
    if (!done.wait(30000))
        return {};
    return done.first().first().value<Sync::Receipt>();
}

void TestSyncUi::localOnlyWithoutServer()
{
    openDesk(m_desk, QStringLiteral("local.sqlite"));
    m_desk.sync->start(QUrl(), QString());
    QTRY_COMPARE(m_desk.window->deskStatus()->syncState(), DeskStatus::SyncState::LocalOnly);
    // Nothing to send to: the Sync menu's login opens the dialog instead of failing quietly.
}

void TestSyncUi::loginDialogThenUpToDate()
{
    openDesk(m_desk, QStringLiteral("login.sqlite"));
    addSubscriber(*m_desk.store, makeSubscriber(QStringLiteral("Anne"), QStringLiteral("Martin")));
    m_desk.sync->start(QUrl(m_server->baseUrl()), QStringLiteral("claire"));
    QTRY_COMPARE(m_desk.window->deskStatus()->syncState(), DeskStatus::SyncState::LoginNeeded);

    m_desk.window->showLogin();
    // Guarded: the dialog deletes itself once the login went through (under load, that can happen
    // before the check below looks at it; the test crashed on a dangling pointer).
    QPointer<LoginDialog> login;
    QTRY_VERIFY((login = m_desk.window->findChild<LoginDialog *>()) != nullptr);
    auto *password = login->findChild<QLineEdit *>(QStringLiteral("login_password"));
    QVERIFY(password);
    QTRY_VERIFY(
        password->hasFocus()); // server and user are known: the cursor waits in the password
    // A wrong password first: the dialog stays, says why, and nothing is lost.
    QTest::keyClicks(password, QStringLiteral("wrong password"));
    QTest::keyClick(password, Qt::Key_Return);
    auto *message = login->findChild<QLabel *>(QStringLiteral("login_message"));
    QTRY_VERIFY(message->text().contains(QStringLiteral("refused")));
    QVERIFY(login->isVisible());
    QTest::keyClicks(password, kPassword);
    QTest::keyClick(password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!login || !login->isVisible(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::UpToDate, 20000);
    QTRY_COMPARE(m_desk.window->deskStatus()->queued(), 0);
    QVERIFY(m_desk.window->deskStatus()->text().contains(QStringLiteral("0")));
    // The token is kept (a file only the user can read here: no keychain in the test), never the password.
    QFile token(m_desk.sync->credentials()->filePath());
    QTRY_VERIFY(token.exists());
    QVERIFY(token.open(QIODevice::ReadOnly));
    const QByteArray kept = token.readAll();
    QVERIFY(!kept.isEmpty());
    QVERIFY(!kept.contains(kPassword.toUtf8()));
    QCOMPARE(token.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
}

void TestSyncUi::offlineKeepsTheQueue()
{
    openDesk(m_desk, QStringLiteral("offline.sqlite"));
    m_desk.sync->start(QUrl(m_server->baseUrl()), QStringLiteral("claire"));
    m_desk.sync->login(QStringLiteral("claire"), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::UpToDate, 20000);

    m_server->stop();
    addSubscriber(*m_desk.store, makeSubscriber(QStringLiteral("Paul"), QStringLiteral("Durand")));
    m_desk.sync->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::Offline, 20000);
    QTRY_COMPARE(m_desk.window->deskStatus()->queued(), 1);
    QCOMPARE(Outbox(m_desk.store->db()).summary().pending, 1);

    // The server comes back (on another port, so the desk is pointed at it and logs in again): the
    // change made offline goes out.
    QVERIFY(m_server->start(m_db));
    m_desk.sync->start(QUrl(m_server->baseUrl()), QStringLiteral("claire")); // the port is new
    m_desk.sync->login(QStringLiteral("claire"), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::UpToDate, 30000);
    QCOMPARE(Outbox(m_desk.store->db()).summary().pending, 0);
}

void TestSyncUi::conflictDialogSendsTheChoice()
{
    openDesk(m_desk, QStringLiteral("mine.sqlite"));
    const Subscriber anne = addSubscriber(*m_desk.store, makeSubscriber(QStringLiteral("Anne"),
                                                                        QStringLiteral("Martin")));
    m_desk.sync->start(QUrl(m_server->baseUrl()), QStringLiteral("claire"));
    m_desk.sync->login(QStringLiteral("claire"), kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::UpToDate, 20000);

    // The clerk opens Anne's record; meanwhile another desk changes her e-mail.
    const Subscriber seen = *m_desk.store->subscriberById(anne.meta.id);
    const QString otherPath = m_dir.filePath(QStringLiteral("other.sqlite"));
    {
        auto other = Store::open(otherPath);
        QVERIFY(other.ok());
        QCOMPARE(syncOther(other.value(), otherPath).outcome, QStringLiteral("ok"));
        auto theirs = other.value().subscriberById(anne.meta.id);
        QVERIFY(theirs);
        Subscriber changed = *theirs;
        changed.email = QStringLiteral("anne@ailleurs.fr");
        QVERIFY(other.value().updateSubscriber(changed, *theirs).ok());
        QCOMPARE(syncOther(other.value(), otherPath).applied, 1);
    }

    // The clerk saves another e-mail, from what was on screen: the server answers with a conflict
    // (whether or not this desk pulled the other change in between).
    Subscriber mine = seen;
    mine.email = QStringLiteral("anne.martin@exemple.fr");
    QVERIFY(m_desk.store->updateSubscriber(mine, seen).ok());
    m_desk.sync->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::NeedsAttention, 20000);
    QCOMPARE(Outbox(m_desk.store->db()).openConflicts().size(), 1);

    m_desk.window->showSyncPanel(true);
    SyncPanel *panel = m_desk.window->findChild<SyncPanel *>();
    QVERIFY(panel);
    QTRY_COMPARE(panel->attention()->topLevelItemCount(), 1);
    ConflictDialog dialog(m_desk.sync.get(), *m_desk.store, anne.meta.id, QStringLiteral("claire"));
    QCOMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.table()->item(0, 1)->text(), QStringLiteral("(empty)"));
    QCOMPARE(dialog.table()->item(0, 2)->text(), QStringLiteral("anne.martin@exemple.fr"));
    QCOMPARE(dialog.table()->item(0, 3)->text(), QStringLiteral("anne@ailleurs.fr"));
    dialog.setKeepMine(0, true);
    QSignalSpy settled(m_desk.sync.get(), &Sync::Service::settled);
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(settled.wait(10000));
    QCOMPARE(settled.first().first().toBool(), true);

    // The choice is a new operation, and once it is sent every desk holds the clerk's value.
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::UpToDate, 20000);
    QCOMPARE(Outbox(m_desk.store->db()).openConflicts().size(), 0);
    auto other = Store::open(otherPath);
    QVERIFY(other.ok());
    QCOMPARE(syncOther(other.value(), otherPath).outcome, QStringLiteral("ok"));
    QCOMPARE(other.value().subscriberById(anne.meta.id)->email,
             QStringLiteral("anne.martin@exemple.fr"));
}

// A new desk's first copy: the status bar counts the rows received, Stop (in the sync panel)
// stops it at the next page, and the next round goes on from there to the end. While it runs the
// list is not read again page after page (its count says why) and the daily backup waits; both
// come back when the copy stops or ends.
void TestSyncUi::firstCopyShowsProgressAndStops()
{
    const QString otherPath = m_dir.filePath(QStringLiteral("filled.sqlite"));
    {
        auto other = Store::open(otherPath);
        QVERIFY(other.ok());
        // Fast commits for the setup only; the desk under test keeps synchronous=FULL.
        QSqlQuery(other.value().db()).exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        QCOMPARE(syncOther(other.value(), otherPath).outcome, QStringLiteral("ok"));
        for (int i = 0; i < 600; ++i)
            addSubscriber(other.value(), makeSubscriber(QStringLiteral("Jeanne"),
                                                        QStringLiteral("Abonnée%1").arg(i)));
        QCOMPARE(syncOther(other.value(), otherPath).applied, 600);
    }

    openDesk(m_desk, QStringLiteral("copy.sqlite"));
    Sync::Engine::Tuning t;
    t.snapshotLimit = 10; // 60 pages and more: room to stop half way
    m_desk.sync->setTuning(t);
    m_desk.window->showSyncPanel();
    SyncPanel *panel = m_desk.window->findChild<SyncPanel *>();
    QVERIFY(panel);
    auto *stop = panel->findChild<QPushButton *>(QStringLiteral("sync_stop"));
    QVERIFY(stop);
    auto *countLabel = m_desk.window->findChild<QLabel *>(QStringLiteral("result_count"));
    QVERIFY(countLabel);
    SubscriberListModel *list = m_desk.window->findChild<SearchPane *>()->model();
    BackupService *backups = BackupService::of(m_desk.window.get());
    QVERIFY(backups);
    QVERIFY(!backups->dailyHeldBack());
    bool sawProgress = false;
    QString progressText;
    QString countDuringCopy;
    int listRowsDuringCopy = -1;
    bool backupHeldDuringCopy = false;
    QStringList seenStates;
    connect(m_desk.sync.get(), &Sync::Service::statusChanged, this, [&](const Sync::Overview &o) {
        seenStates << QStringLiteral("%1/%2/%3")
                          .arg(Sync::stateCode(o.state))
                          .arg(o.progressDone)
                          .arg(o.bootstrapping);
        if (o.bootstrapping && o.progressDone >= 100 && !sawProgress) {
            sawProgress = true;
            progressText = m_desk.window->deskStatus()->syncText();
            countDuringCopy = countLabel->text();
            listRowsDuringCopy = list->rowCount();
            backupHeldDuringCopy = backups->dailyHeldBack();
            stop->click();
        }
    });
    m_desk.sync->start(QUrl(m_server->baseUrl()), QStringLiteral("claire"));
    m_desk.sync->login(QStringLiteral("claire"), kPassword);
    QTRY_VERIFY_WITH_TIMEOUT(sawProgress, 20000);
    // "First copy: x of y rows": the first page told the whole snapshot's size (600 subscribers
    // and the catalogue rows).
    static const QRegularExpression ofTotal(
        QStringLiteral("^First copy: ([0-9,\\s\u00a0\u202f]+) of ([0-9,\\s\u00a0\u202f]+) rows$"));
    const auto number = [](QString text) {
        return text.remove(QRegularExpression(QStringLiteral("[^0-9]"))).toLongLong();
    };
    const QRegularExpressionMatch m = ofTotal.match(progressText);
    QVERIFY2(m.hasMatch(), qPrintable(progressText));
    const qint64 total = number(m.captured(2));
    QVERIFY2(total >= 600 && total < 700, qPrintable(progressText));
    QTRY_VERIFY2_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState()
                                  == DeskStatus::SyncState::Offline,
                              qPrintable(seenStates.join(u' ')), 20000);
    QVERIFY(m_desk.store->metaValue(QStringLiteral("bootstrap_done")) != u"1");
    QVERIFY(!m_desk.store->metaValue(QStringLiteral("bootstrap_table")).isEmpty());
    QSqlQuery count(m_desk.store->db());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && count.next());
    const qint64 partial = count.value(0).toLongLong();
    QVERIFY2(partial < 600, qPrintable(QString::number(partial)));
    // During the copy: the list as it was before it (an empty desk), saying why.
    QVERIFY2(countDuringCopy.contains(QStringLiteral("First copy from the server under way")),
             qPrintable(countDuringCopy));
    QCOMPARE(listRowsDuringCopy, 0);
    QVERIFY(backupHeldDuringCopy);
    // Stopped: the list shows what arrived, the note and the hold are gone.
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), int(partial), 10000);
    QVERIFY2(!countLabel->text().contains(QStringLiteral("First copy")),
             qPrintable(countLabel->text()));
    QVERIFY(!backups->dailyHeldBack());

    // Sync now (the panel's button, F5) goes on from the last page written, to the end, still
    // counting against the same total, from the rows already there.
    QString resumedText;
    connect(m_desk.sync.get(), &Sync::Service::statusChanged, this, [&](const Sync::Overview &o) {
        if (o.bootstrapping && resumedText.isEmpty() && o.progressDone > 0)
            resumedText = m_desk.window->deskStatus()->syncText();
    });
    panel->findChild<QPushButton *>(QStringLiteral("sync_now"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::UpToDate, 30000);
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && count.next());
    QCOMPARE(count.value(0).toLongLong(), 600);
    QCOMPARE(m_desk.store->metaValue(QStringLiteral("bootstrap_done")), QStringLiteral("1"));
    const QRegularExpressionMatch resumed = ofTotal.match(resumedText);
    QVERIFY2(resumed.hasMatch(), qPrintable(resumedText));
    QCOMPARE(number(resumed.captured(2)), total);
    QVERIFY2(number(resumed.captured(1)) >= partial, qPrintable(resumedText));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 600, 10000);
    QVERIFY2(!countLabel->text().contains(QStringLiteral("First copy")),
             qPrintable(countLabel->text()));
    QVERIFY(!backups->dailyHeldBack());
}

// The session kept from an earlier run has expired, and the server cannot be reached: the desk
// says a login is needed (not just "offline"), and work goes on.
void TestSyncUi::expiredSessionOfflineAsksForLogin()
{
    openDesk(m_desk, QStringLiteral("expired.sqlite"));
    const QString file = m_desk.sync->credentials()->filePath();
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile kept(file);
    QVERIFY(kept.open(QIODevice::WriteOnly));
    kept.write("daf6g9i63R4fsJBNqSsd0l_e25N57uuOvOz9hfPAtyk 2020-01-01T00:00:00.000Z");
    kept.close();
    const QString url = m_server->baseUrl();
    m_server->stop(); // nothing answers there now
    m_desk.sync->start(QUrl(url), QStringLiteral("claire"));
    QTRY_COMPARE_WITH_TIMEOUT(m_desk.window->deskStatus()->syncState(),
                              DeskStatus::SyncState::LoginNeeded, 10000);
    QTest::qWait(300); // and it stays so: no round turns it into "offline"
    QCOMPARE(m_desk.window->deskStatus()->syncState(), DeskStatus::SyncState::LoginNeeded);
    addSubscriber(*m_desk.store,
                  makeSubscriber(QStringLiteral("Paul"), QStringLiteral("Hors-Ligne")));
    QTRY_COMPARE(Outbox(m_desk.store->db()).summary().pending, 1);
}

void TestSyncUi::pulledPagesRefreshTheListOnceASecond()
{
    // A first copy writes about ten pages a second: the list reads again at once for the first,
    // then once at the end of the second for all the others (not once per page), and that last
    // read shows what the last page wrote.
    openDesk(m_desk, QStringLiteral("refresh.sqlite"));
    SubscriberListModel *list = m_desk.window->searchPane()->model();
    QSignalSpy ready(list, &SubscriberListModel::ready);
    QTest::qWait(1100); // past the window's own first reads
    ready.clear();
    const int before = list->rowCount();
    for (int page = 0; page < 10; ++page) {
        if (page == 9)
            addSubscriber(*m_desk.store,
                          makeSubscriber(QStringLiteral("Anne"), QStringLiteral("Derniere")));
        Q_EMIT m_desk.sync->dataChanged(QStringList{QStringLiteral("subscriber")});
        QTest::qWait(20);
    }
    QTRY_COMPARE(ready.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 3000);
    QCOMPARE(list->rowCount(), before + 1);
    QTest::qWait(1200);
    QCOMPARE(ready.count(), 2);
}

QTEST_MAIN(TestSyncUi)
#include "tst_syncui.moc"
