#pragma once
// The desk's backups in the window. BackupService makes the automatic ones on a thread of its own
// (once a day while the window runs, and when it closes); BackupDialog lists them (date, size,
// verified) and restores one after a confirmation. The window cannot replace the file it has open,
// so a restore is recorded, checked at once, and runs at the next start (applyPendingRestoreAtStart,
// before the desk is opened). See models/deskbackup.h and docs/operations.md.

#include <QDialog>
#include <QPointer>
#include <QTimer>

#include <functional>

class QLabel;
class QLineEdit;
class QMainWindow;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace Relais::Ui {

class BackgroundJob;

class BackupService final : public QObject
{
    Q_OBJECT
public:
    BackupService(const QString &dbPath, QObject *parent = nullptr);
    ~BackupService() override;

    // One service per window, found again with of().
    static BackupService *install(QMainWindow *window, const QString &dbPath);
    static BackupService *of(QObject *window);

    QString dbPath() const { return m_dbPath; }
    QString folder() const;
    // The second folder (a network share, a USB disk) from the settings; empty: none.
    static QString secondFolder();
    static void setSecondFolder(const QString &folder);

    // Starts a backup ("daily", "close", "manual") on the worker; false when one is running.
    bool backupNow(const QString &kind);
    bool isRunning() const;
    // When the window closes: lets a running backup end, or makes one unless the newest backup
    // already holds the desk as it is. The event loop keeps running (a progress dialog with Cancel
    // shows after half a second); returns when the worker is done.
    void backupBeforeClose(QWidget *parent);
    const QString &lastMessage() const { return m_lastMessage; }
    // Checks every `ms` whether today's backup is due (default: 30 minutes; tests shorten it).
    void setDailyCheckInterval(int ms);
    // While the desk's first copy from the server runs, the daily backup waits for its end (about a
    // minute at 1,000,000 subscribers): the backup's read snapshot would keep SQLite from
    // checkpointing the copy's log, and the backup would hold a desk half copied. The closing
    // backup is not held back. Released, the check runs `afterMs` later (a minute in the window:
    // the clerk's first search comes first).
    void holdDailyBack(bool held, int afterMs = 60 * 1000);
    bool dailyHeldBack() const { return m_dailyHeld; }

signals:
    void started(const QString &kind);
    void progressed(int percent);
    void finished(bool ok, const QString &message);

private:
    void checkDaily();
    void done(bool cancelled);

    QString m_dbPath;
    BackgroundJob *m_job;
    QTimer m_daily;
    QString m_kind;
    bool m_skipIfUpToDate = false;
    bool m_dailyHeld = false;
    struct Outcome;
    std::shared_ptr<Outcome> m_outcome;
    QString m_lastMessage;
};

class BackupDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit BackupDialog(BackupService *service, QWidget *parent = nullptr);
    ~BackupDialog() override;
    // Opens (or raises) the dialog of the window's service.
    static void showFor(QWidget *window);

    QTreeWidget *list() const { return m_list; }
    QPushButton *backupButton() const { return m_backup; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *restoreButton() const { return m_restore; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *pendingLabel() const { return m_pending; }
    // Replaces the questions asked with message boxes (tests): the restore's confirmation, and
    // whether to close the window at once once the restore is recorded.
    void setConfirm(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    void setCloseNow(std::function<bool()> closeNow) { m_closeNow = std::move(closeNow); }
    void refresh();

private:
    QString selectedFile() const;
    void verifySelected();
    void restoreSelected();
    void cancelPending();
    void chooseSecondFolder();
    void runCheck(const QString &file, bool forRestore);
    void setBusy(bool busy);

    BackupService *m_service;
    QTreeWidget *m_list;
    QPushButton *m_backup;
    QPushButton *m_verify;
    QPushButton *m_restore;
    QPushButton *m_cancelPending;
    QLineEdit *m_second;
    QLabel *m_status;
    QLabel *m_pending;
    QProgressBar *m_progress;
    QPushButton *m_stop;
    BackgroundJob *m_check;
    std::function<bool(const QString &)> m_confirm;
    std::function<bool()> m_closeNow;
};

// Runs a restore recorded by the dialog, before the desk is opened: on a worker thread, with a
// progress dialog, then says what happened. Nothing to do (and no window) when none was asked.
void applyPendingRestoreAtStart(const QString &dbPath);

} // namespace Relais::Ui
