// The backups dialog and the automatic backups of the window, driven offscreen: the list shows the
// backups made by hand, daily and at closing; a restore is asked after a confirmation, refused for
// a damaged file, recorded for the next start and can be called off; the window opens the dialog
// with Ctrl+Shift+B and backs up when it closes.

#include "backupdialog.h"
#include "deskbackup.h"
#include "draftstore.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "storeworker.h"
#include "testsupport.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace Relais;
using namespace Relais::Test;
using namespace Relais::Ui;

namespace {

qint64 subscriberCount(const QString &path)
{
    auto s = Store::open(path);
    if (!s)
        return -1;
    QSqlQuery q(s.value().db());
    return q.exec(QStringLiteral("SELECT count(*) FROM subscriber")) && q.next()
               ? q.value(0).toLongLong()
               : -1;
}

} // namespace

class TestBackupDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void backUpNowListsTheBackup();
    void restoreAfterConfirmation();
    void damagedBackupRefused();
    void dailyAndClosingBackups();
    void dailyBackupWaitsForTheFirstCopy();
    void windowShortcutAndClose();

private:
    QString m_path;
    std::unique_ptr<Store> m_store;
};

void TestBackupDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RelaisTest"));
    BackupService::setSecondFolder(QString());
}

void TestBackupDialog::init()
{
    m_path = freshDatabasePath();
    auto s = Store::open(m_path);
    QVERIFY(s.ok());
    m_store = std::make_unique<Store>(std::move(s).value());
    const Catalogue c = addCatalogue(*m_store);
    Q_UNUSED(c)
    for (const char *name : {"Durand", "Lefèvre", "Moreau"})
        addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"), QString::fromUtf8(name)));
}

void TestBackupDialog::cleanup()
{
    m_store.reset();
}

void TestBackupDialog::backUpNowListsTheBackup()
{
    BackupService service(m_path);
    BackupDialog dialog(&service);
    dialog.show();
    QCOMPARE(dialog.list()->topLevelItemCount(), 0);
    QVERIFY(!dialog.restoreButton()->isEnabled());
    // The clerk keeps working meanwhile: the backup runs on its own thread.
    QTest::mouseClick(dialog.backupButton(), Qt::LeftButton);
    QVERIFY(!dialog.backupButton()->isEnabled());
    addSubscriber(*m_store, makeSubscriber(QStringLiteral("Paul"), QStringLiteral("Pendant")));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.list()->topLevelItemCount(), 1, 20000);
    QTRY_VERIFY(dialog.backupButton()->isEnabled());
    const QTreeWidgetItem *row = dialog.list()->topLevelItem(0);
    QCOMPARE(row->text(1), QStringLiteral("By hand"));
    QVERIFY2(row->text(3).startsWith(QStringLiteral("Yes")), qPrintable(row->text(3)));
    QVERIFY(row->text(4) == u"3" || row->text(4) == u"4");
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("verified")));
    QVERIFY(dialog.restoreButton()->isEnabled());
    // Verify again: the file is intact.
    QTest::mouseClick(dialog.verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().contains(QStringLiteral("intact")),
                             20000);
}

void TestBackupDialog::restoreAfterConfirmation()
{
    BackupService service(m_path);
    QVERIFY(DeskBackup::automatic(m_path, service.folder(), QStringLiteral("daily")).ok());
    addSubscriber(*m_store, makeSubscriber(QStringLiteral("Paul"), QStringLiteral("Apres")));
    BackupDialog dialog(&service);
    dialog.show();
    QCOMPARE(dialog.list()->topLevelItemCount(), 1);
    QString asked;
    bool answer = false;
    int closeAsked = 0;
    dialog.setConfirm([&](const QString &q) {
        asked = q;
        return answer;
    });
    dialog.setCloseNow([&] {
        ++closeAsked;
        return false;
    });
    QVERIFY(!dialog.pendingLabel()->isVisible());
    // The clerk says no: nothing happens.
    dialog.list()->setFocus();
    QTest::keyClick(dialog.restoreButton(), Qt::Key_Space);
    QVERIFY(asked.contains(QStringLiteral("kept aside")));
    QVERIFY(!DeskBackup::pendingRestore(m_path).has_value());
    // Yes: the backup is checked at once and the restore recorded for the next start.
    answer = true;
    QTest::keyClick(dialog.restoreButton(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(closeAsked, 1, 20000);
    QVERIFY(DeskBackup::pendingRestore(m_path).has_value());
    QVERIFY(dialog.pendingLabel()->isVisible());
    QCOMPARE(subscriberCount(m_path), 4); // nothing changed yet
    // Called off, then asked again.
    const auto buttons = dialog.findChildren<QPushButton *>();
    QPushButton *dontRestore = nullptr;
    for (QPushButton *b : buttons)
        if (b->text() == u"Do &not restore")
            dontRestore = b;
    QVERIFY(dontRestore);
    QTest::mouseClick(dontRestore, Qt::LeftButton);
    QVERIFY(!DeskBackup::pendingRestore(m_path).has_value());
    QVERIFY(!dialog.pendingLabel()->isVisible());
    QTest::keyClick(dialog.restoreButton(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(closeAsked, 2, 20000);
    // The next start: the window is gone, the restore runs before the desk opens.
    m_store.reset();
    {
        auto r = DeskBackup::applyPendingRestore(m_path);
        QVERIFY(r.has_value());
        QVERIFY(r->ok());
    }
    QCOMPARE(subscriberCount(m_path), 3);
}

void TestBackupDialog::damagedBackupRefused()
{
    BackupService service(m_path);
    auto made = DeskBackup::automatic(m_path, service.folder(), QStringLiteral("daily"));
    QVERIFY(made.ok());
    {
        QFile f(made->file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(3 * 4096 + 20));
        f.write("XXXX");
    }
    BackupDialog dialog(&service);
    dialog.show();
    int closeAsked = 0;
    dialog.setConfirm([](const QString &) { return true; });
    dialog.setCloseNow([&] {
        ++closeAsked;
        return false;
    });
    QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().contains(
                                 QStringLiteral("cannot be restored")),
                             20000);
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("backup.checksum"))
            || dialog.statusLabel()->text().contains(QStringLiteral("SHA-256")));
    QCOMPARE(closeAsked, 0);
    QVERIFY(!DeskBackup::pendingRestore(m_path).has_value());
    QVERIFY(dialog.restoreButton()->isEnabled());
}

void TestBackupDialog::dailyAndClosingBackups()
{
    BackupService service(m_path);
    QSignalSpy finished(&service, &BackupService::finished);
    service.setDailyCheckInterval(20);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(DeskBackup::list(service.folder()).size(), 1);
    QCOMPARE(DeskBackup::list(service.folder()).first().manifest->kind, QStringLiteral("daily"));
    QTest::qWait(200); // no second daily backup the same day
    QCOMPARE(finished.size(), 1);
    // At closing, with nothing changed since: no new backup.
    service.backupBeforeClose(nullptr);
    QCOMPARE(finished.size(), 2);
    QVERIFY(service.lastMessage().contains(QStringLiteral("already holds")));
    // A change, then closing: a new backup replaces the day's.
    addSubscriber(*m_store, makeSubscriber(QStringLiteral("Paul"), QStringLiteral("Soir")));
    service.backupBeforeClose(nullptr);
    QCOMPARE(finished.size(), 3);
    QVERIFY(finished.last().at(0).toBool());
    const auto entries = DeskBackup::list(service.folder());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().manifest->kind, QStringLiteral("close"));
    QCOMPARE(entries.first().manifest->rowsOf(QStringLiteral("subscriber")), 4);
}

// Held back (the desk's first copy runs), the daily check makes no backup however often it comes;
// released, the backup is made after the delay given.
void TestBackupDialog::dailyBackupWaitsForTheFirstCopy()
{
    BackupService service(m_path);
    QSignalSpy started(&service, &BackupService::started);
    QSignalSpy finished(&service, &BackupService::finished);
    service.holdDailyBack(true);
    QVERIFY(service.dailyHeldBack());
    service.setDailyCheckInterval(20);
    QTest::qWait(500); // about 25 checks
    QCOMPARE(started.size(), 0);
    QVERIFY(DeskBackup::list(service.folder()).isEmpty());
    service.holdDailyBack(false, 50);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(started.first().at(0).toString(), QStringLiteral("daily"));
    QCOMPARE(DeskBackup::list(service.folder()).size(), 1);
}

void TestBackupDialog::windowShortcutAndClose()
{
    StoreWorker worker(m_path);
    DraftStore drafts(m_path);
    auto window = std::make_unique<MainWindow>(DeskContext{m_store.get(), &worker, &drafts});
    window->show();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTest::keyClick(window.get(), Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(window->findChild<BackupDialog *>()
                && window->findChild<BackupDialog *>()->isVisible());
    window->findChild<BackupDialog *>()->close();
    const QString folder = DeskBackup::defaultFolder(m_path);
    QCOMPARE(DeskBackup::list(folder).size(), 0);
    QVERIFY(window->close());
    const auto entries = DeskBackup::list(folder);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().manifest->kind, QStringLiteral("close"));
    QVERIFY(DeskBackup::verify(entries.first().path).ok());
}

QTEST_MAIN(TestBackupDialog)
#include "tst_backupdialog.moc"
