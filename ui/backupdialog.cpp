#include "backupdialog.h"

#include "backgroundjob.h"
#include "deskbackup.h"
#include "formats.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QThread>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

namespace Relais::Ui {

namespace {
const char *const kServiceName = "relais_backup_service";
const char *const kDialogName = "backup_dialog";

int percent(qint64 done, qint64 total)
{
    return total > 0 ? int(qBound<qint64>(qint64(0), 100 * done / total, qint64(100))) : 0;
}
} // namespace

// ---- BackupService -----------------------------------------------------------------------------

struct BackupService::Outcome
{
    bool ok = false;
    bool skipped = false;
    QString file;
    QString error;
    QString copyProblem;
};

BackupService::BackupService(const QString &dbPath, QObject *parent)
    : QObject(parent), m_dbPath(dbPath), m_job(new BackgroundJob(this))
{
    setObjectName(QString::fromLatin1(kServiceName));
    connect(m_job, &BackgroundJob::progressed, this,
            [this](qint64 done, qint64 total) { emit progressed(percent(done, total)); });
    connect(m_job, &BackgroundJob::finished, this, &BackupService::done);
    // Once a day while the window runs: checked every half hour, the first time a minute after the
    // start (the clerk's first search comes first).
    m_daily.setInterval(30 * 60 * 1000);
    connect(&m_daily, &QTimer::timeout, this, &BackupService::checkDaily);
    m_daily.start();
    QTimer::singleShot(60 * 1000, this, &BackupService::checkDaily);
}

BackupService::~BackupService()
{
    m_job->stop();
}

BackupService *BackupService::install(QMainWindow *window, const QString &dbPath)
{
    if (BackupService *existing = of(window))
        return existing;
    return new BackupService(dbPath, window);
}

BackupService *BackupService::of(QObject *window)
{
    return window ? window->findChild<BackupService *>(QString::fromLatin1(kServiceName),
                                                       Qt::FindDirectChildrenOnly)
                  : nullptr;
}

QString BackupService::folder() const
{
    return DeskBackup::defaultFolder(m_dbPath);
}

QString BackupService::secondFolder()
{
    return QSettings().value(QStringLiteral("backup/second_folder")).toString();
}

void BackupService::setSecondFolder(const QString &folder)
{
    QSettings().setValue(QStringLiteral("backup/second_folder"), folder.trimmed());
}

void BackupService::setDailyCheckInterval(int ms)
{
    m_daily.start(ms);
}

bool BackupService::isRunning() const
{
    return m_job->isRunning();
}

void BackupService::holdDailyBack(bool held, int afterMs)
{
    if (held == m_dailyHeld)
        return;
    m_dailyHeld = held;
    if (!held)
        QTimer::singleShot(afterMs, this, &BackupService::checkDaily);
}

void BackupService::checkDaily()
{
    if (!m_dailyHeld && !isRunning() && DeskBackup::dailyDue(folder()))
        backupNow(QStringLiteral("daily"));
}

bool BackupService::backupNow(const QString &kind)
{
    if (isRunning())
        return false;
    auto outcome = std::make_shared<Outcome>();
    const QString db = m_dbPath;
    const QString dir = folder();
    const QString second = secondFolder();
    const bool skipIfUpToDate = m_skipIfUpToDate;
    m_skipIfUpToDate = false;
    // The worker opens its own connections (models/deskbackup.cpp); the window's go on working.
    const bool running = m_job->start(
        [outcome, db, dir, second, kind, skipIfUpToDate](const BackgroundJob::Progress &progress) {
            if (skipIfUpToDate && DeskBackup::upToDate(db, dir)) {
                outcome->ok = outcome->skipped = true;
                return;
            }
            auto r = DeskBackup::automatic(db, dir, kind, second, progress);
            if (!r) {
                outcome->error = r.error().fullText();
                return;
            }
            outcome->ok = true;
            outcome->file = r->file;
            outcome->copyProblem = r->copyProblem;
        });
    if (!running)
        return false;
    m_kind = kind;
    m_outcome = outcome;
    emit started(kind);
    return true;
}

void BackupService::done(bool cancelled)
{
    const std::shared_ptr<Outcome> o = std::move(m_outcome);
    if (!o)
        return;
    bool ok = o->ok && !cancelled;
    if (cancelled && !o->ok)
        m_lastMessage = tr("The backup was cancelled; the previous backups are kept.");
    else if (!o->ok)
        m_lastMessage = tr("The backup failed: %1").arg(o->error);
    else if (o->skipped)
        m_lastMessage = tr("The newest backup already holds the desk as it is.");
    else if (!o->copyProblem.isEmpty()) {
        ok = false;
        m_lastMessage =
            tr("The backup %1 is made and verified, but its copy to the second folder failed: %2")
                .arg(QDir::toNativeSeparators(o->file), o->copyProblem);
    } else
        m_lastMessage = tr("Backup made and verified: %1").arg(QDir::toNativeSeparators(o->file));
    emit finished(ok, m_lastMessage);
}

void BackupService::backupBeforeClose(QWidget *parent)
{
    if (!isRunning()) {
        m_skipIfUpToDate = true;
        backupNow(QStringLiteral("close"));
    }
    if (!isRunning())
        return;
    QProgressDialog dialog(tr("Backing up the desk before closing…"), tr("Cancel"), 0, 100, parent);
    dialog.setObjectName(QStringLiteral("backup_close_progress"));
    dialog.setWindowTitle(tr("Backup"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(500);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    QEventLoop loop;
    connect(this, &BackupService::progressed, &dialog, &QProgressDialog::setValue);
    connect(this, &BackupService::finished, &loop, &QEventLoop::quit);
    connect(&dialog, &QProgressDialog::canceled, m_job, &BackgroundJob::cancel);
    loop.exec();
}

// ---- BackupDialog ------------------------------------------------------------------------------

BackupDialog::BackupDialog(BackupService *service, QWidget *parent)
    : QDialog(parent), m_service(service), m_check(new BackgroundJob(this))
{
    setObjectName(QString::fromLatin1(kDialogName));
    setWindowTitle(tr("Backups of the desk"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Relais backs the desk up when the window closes and once a day, into %1. "
           "Seven daily and four weekly backups are kept. Each is verified when it is made.")
            .arg(QDir::toNativeSeparators(service->folder())),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("backup_list"));
    m_list->setRootIsDecorated(false);
    m_list->setAllColumnsShowFocus(true);
    m_list->setHeaderLabels({tr("Date"), tr("Made"), tr("Size"), tr("Verified"), tr("Subscribers"),
                             tr("Queued changes")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);

    m_pending = new QLabel(this);
    m_pending->setObjectName(QStringLiteral("pending_restore"));
    m_pending->setWordWrap(true);
    m_cancelPending = new QPushButton(tr("Do &not restore"), this);
    auto *pendingRow = new QHBoxLayout;
    pendingRow->addWidget(m_pending, 1);
    pendingRow->addWidget(m_cancelPending);
    layout->addLayout(pendingRow);

    auto *buttons = new QHBoxLayout;
    m_backup = new QPushButton(tr("&Back up now"), this);
    m_verify = new QPushButton(tr("&Verify again"), this);
    m_restore = new QPushButton(tr("&Restore…"), this);
    auto *open = new QPushButton(tr("&Open the folder"), this);
    for (QPushButton *b : {m_backup, m_verify, m_restore, open})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto *secondRow = new QHBoxLayout;
    auto *secondLabel = new QLabel(tr("Also copy to (a share, a USB disk):"), this);
    m_second = new QLineEdit(BackupService::secondFolder(), this);
    m_second->setObjectName(QStringLiteral("second_folder"));
    m_second->setPlaceholderText(tr("No second copy"));
    secondLabel->setBuddy(m_second);
    auto *choose = new QPushButton(tr("&Choose…"), this);
    secondRow->addWidget(secondLabel);
    secondRow->addWidget(m_second, 1);
    secondRow->addWidget(choose);
    layout->addLayout(secondRow);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->hide();
    m_stop = new QPushButton(tr("Cancel"), this);
    m_stop->hide();
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_stop);
    layout->addLayout(progressRow);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("backup_status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);

    setTabOrder(m_list, m_backup);
    setTabOrder(m_backup, m_verify);
    setTabOrder(m_verify, m_restore);
    setTabOrder(m_restore, open);
    setTabOrder(open, m_second);
    setTabOrder(m_second, choose);

    connect(m_backup, &QPushButton::clicked, this, [this] {
        BackupService::setSecondFolder(m_second->text());
        if (m_service->backupNow(QStringLiteral("manual")))
            setBusy(true);
    });
    connect(m_verify, &QPushButton::clicked, this, &BackupDialog::verifySelected);
    connect(m_restore, &QPushButton::clicked, this, &BackupDialog::restoreSelected);
    connect(m_cancelPending, &QPushButton::clicked, this, &BackupDialog::cancelPending);
    connect(open, &QPushButton::clicked, this, [this] {
        QDir().mkpath(m_service->folder());
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_service->folder()));
    });
    connect(choose, &QPushButton::clicked, this, &BackupDialog::chooseSecondFolder);
    connect(m_second, &QLineEdit::editingFinished, this,
            [this] { BackupService::setSecondFolder(m_second->text()); });
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this] { setBusy(m_progress->isVisible()); });
    connect(m_service, &BackupService::started, this, [this] { setBusy(true); });
    connect(m_service, &BackupService::progressed, m_progress, &QProgressBar::setValue);
    connect(m_service, &BackupService::finished, this, [this](bool, const QString &message) {
        setBusy(false);
        m_status->setText(message);
        refresh();
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_check->isRunning())
            m_check->cancel();
    });
    connect(m_check, &BackgroundJob::progressed, this,
            [this](qint64 done, qint64 total) { m_progress->setValue(percent(done, total)); });

    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Restore a backup"), question,
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    m_closeNow = [this] {
        return QMessageBox::question(
                   this, tr("Restore a backup"),
                   tr("The backup is verified. Relais restores it when it starts again. Close "
                      "Relais now?"),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes)
               == QMessageBox::Yes;
    };
    resize(760, 420);
    refresh();
    setBusy(m_service->isRunning());
    m_list->setFocus();
}

BackupDialog::~BackupDialog()
{
    m_check->stop();
}

void BackupDialog::showFor(QWidget *window)
{
    BackupService *service = BackupService::of(window);
    if (!service)
        return;
    auto *dialog = window->findChild<BackupDialog *>(QString::fromLatin1(kDialogName));
    if (!dialog) {
        dialog = new BackupDialog(service, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void BackupDialog::refresh()
{
    const QString current = selectedFile();
    m_list->clear();
    const QLocale locale;
    for (const DeskBackup::Entry &e : DeskBackup::list(m_service->folder())) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(0, Qt::UserRole, e.path);
        item->setText(0, shortDateTime(e.created, locale));
        QString kind = tr("By hand");
        if (e.manifest && e.manifest->kind == u"daily")
            kind = tr("Daily");
        else if (e.manifest && e.manifest->kind == u"close")
            kind = tr("At closing");
        item->setText(1, kind);
        item->setText(2, locale.formattedDataSize(e.bytes));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (e.manifest && !e.manifest->verifiedAt.isEmpty()) {
            const QDateTime at = QDateTime::fromString(e.manifest->verifiedAt, Qt::ISODateWithMs)
                                     .toLocalTime();
            item->setText(3, tr("Yes, %1").arg(locale.toString(at.time(), QLocale::ShortFormat)));
            item->setText(4, locale.toString(e.manifest->rowsOf(QStringLiteral("subscriber"))));
            item->setText(5, locale.toString(e.manifest->pendingOperations));
        } else {
            item->setText(3, tr("No: its manifest is missing"));
        }
        item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(5, Qt::AlignRight | Qt::AlignVCenter);
        if (e.path == current)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    const auto pending = DeskBackup::pendingRestore(m_service->dbPath());
    m_pending->setVisible(pending.has_value());
    m_cancelPending->setVisible(pending.has_value());
    if (pending)
        m_pending->setText(tr("The backup %1 will be restored when Relais starts again.")
                               .arg(QDir::toNativeSeparators(*pending)));
    setBusy(m_progress->isVisible());
}

QString BackupDialog::selectedFile() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void BackupDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_stop->setVisible(m_check->isRunning());
    if (busy && !m_check->isRunning() && m_progress->value() == 100)
        m_progress->setValue(0);
    m_backup->setEnabled(!busy);
    m_verify->setEnabled(!busy && !selectedFile().isEmpty());
    m_restore->setEnabled(!busy && !selectedFile().isEmpty());
}

void BackupDialog::verifySelected()
{
    const QString file = selectedFile();
    if (!file.isEmpty())
        runCheck(file, false);
}

void BackupDialog::restoreSelected()
{
    const QString file = selectedFile();
    if (file.isEmpty())
        return;
    const QTreeWidgetItem *item = m_list->currentItem();
    const QString
        question = tr("Restore the backup of %1?\n\nThe desk goes back to that moment. Changes "
                      "made since that were already "
                      "sent are brought back from the server at the next sync; changes never sent "
                      "are lost. The current desk "
                      "file is kept aside. Relais restores the backup when it starts again.")
                       .arg(item->text(0));
    if (!m_confirm(question))
        return;
    runCheck(file, true);
}

void BackupDialog::runCheck(const QString &file, bool forRestore)
{
    auto error = std::make_shared<QString>();
    const QString db = m_service->dbPath();
    const bool started = m_check->start(
        [file, db, forRestore, error](const BackgroundJob::Progress &progress) {
            if (forRestore) {
                if (Status s = DeskBackup::requestRestore(db, file, progress); !s)
                    *error = s.error().fullText();
            } else if (auto m = DeskBackup::verify(file, progress); !m) {
                *error = m.error().fullText();
            }
        });
    if (!started)
        return;
    m_status->setText(forRestore ? tr("Checking the backup before the restore…")
                                 : tr("Verifying the backup…"));
    m_progress->setValue(0);
    setBusy(true);
    connect(
        m_check, &BackgroundJob::finished, this,
        [this, error, forRestore, file](bool cancelled) {
            setBusy(m_service->isRunning());
            if (cancelled && error->isEmpty()) {
                m_status->setText(tr("Stopped; nothing was changed."));
                DeskBackup::cancelRestoreRequest(m_service->dbPath());
            } else if (!error->isEmpty()) {
                m_status->setText(
                    forRestore
                        ? tr("This backup cannot be restored; nothing was changed.\n%1").arg(*error)
                        : tr("This backup did not pass its verification.\n%1").arg(*error));
            } else if (!forRestore) {
                m_status->setText(tr("The backup %1 is intact.").arg(QFileInfo(file).fileName()));
            } else {
                m_status->setText(tr("The restore will run when Relais starts again."));
                refresh();
                if (m_closeNow()) {
                    QWidget *window = parentWidget() ? parentWidget()->window() : nullptr;
                    close();
                    if (window)
                        window->close();
                }
                return;
            }
            refresh();
        },
        Qt::SingleShotConnection);
}

void BackupDialog::cancelPending()
{
    DeskBackup::cancelRestoreRequest(m_service->dbPath());
    m_status->setText(tr("No restore at the next start."));
    refresh();
}

void BackupDialog::chooseSecondFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Second folder for the backups"),
                                                          m_second->text());
    if (dir.isEmpty())
        return;
    m_second->setText(QDir::toNativeSeparators(dir));
    BackupService::setSecondFolder(dir);
}

// ---- restore at the start ----------------------------------------------------------------------

void applyPendingRestoreAtStart(const QString &dbPath)
{
    const auto pending = DeskBackup::pendingRestore(dbPath);
    if (!pending)
        return;
    std::optional<Result<DeskBackup::RestoreResult>> result;
    QProgressDialog progress(QCoreApplication::translate("Relais::Ui::BackupDialog",
                                                         "Restoring the desk from its backup…"),
                             QString(), 0, 0);
    progress.setWindowTitle(
        QCoreApplication::translate("Relais::Ui::BackupDialog", "Restore a backup"));
    progress.setCancelButton(nullptr);
    progress.setMinimumDuration(0);
    progress.show();
    QEventLoop loop;
    QThread *worker = QThread::create(
        [&result, dbPath] { result = DeskBackup::applyPendingRestore(dbPath); });
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    progress.close();
    if (!result)
        return;
    if (!result->ok()) {
        QMessageBox::critical(nullptr,
                              QCoreApplication::translate("Relais::Ui::BackupDialog",
                                                          "Restore a backup"),
                              QCoreApplication::translate(
                                  "Relais::Ui::BackupDialog",
                                  "The backup %1 was not restored; the desk is as it was.\n\n%2")
                                  .arg(QDir::toNativeSeparators(*pending),
                                       result->error().fullText()));
        return;
    }
    const DeskBackup::RestoreResult &r = result->value();
    const QDateTime taken = QDateTime::fromString(r.manifest.createdAt, Qt::ISODateWithMs)
                                .toLocalTime();
    QMessageBox::information(
        nullptr, QCoreApplication::translate("Relais::Ui::BackupDialog", "Restore a backup"),
        QCoreApplication::translate(
            "Relais::Ui::BackupDialog",
            "The desk is back as it was on %1. The file as it was before is kept as %2.\n\n"
            "At the next sync the desk sends its queued changes and brings back what the "
            "server holds.")
            .arg(shortDateTime(taken, QLocale()), QDir::toNativeSeparators(r.keptAside)));
}

} // namespace Relais::Ui
