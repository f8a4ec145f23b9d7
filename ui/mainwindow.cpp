#include "mainwindow.h"

#include "appsettings.h"
#include "backupdialog.h"
#include "deskqueries.h"
#include "deskstatus.h"
#include "deskswindow.h"
#include "draftstore.h"
#include "exportdialog.h"
#include "importdialog.h"
#include "overviewdialog.h"
#include "recordview.h"
#include "searchpane.h"
#include "settingsdialog.h"
#include "store.h"
#include "subscriberform.h"
#include "subscriberlistmodel.h"
#include "subscriptionspanel.h"
#include "syncdialogs.h"
#include "syncservice.h"
#include "worklistsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace Relais::Ui {

MainWindow::MainWindow(DeskContext context, QWidget *parent)
    : QMainWindow(parent), m_context(context), m_events(new DeskEvents(this))
{
    setObjectName(QStringLiteral("main_window"));
    auto *splitter = new QSplitter(this);
    m_search = new SearchPane(context.worker, splitter);
    m_record = new RecordView(context, m_events, splitter);
    splitter->addWidget(m_search);
    splitter->addWidget(m_record);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);
    splitter->setChildrenCollapsible(false);
    // The list needs its five columns; the form reads well from about 560 pixels.
    splitter->setSizes({540, 700});
    setCentralWidget(splitter);

    m_status = new DeskStatus(context.worker, this);
    statusBar()->addPermanentWidget(m_status);
    m_status->setDeskName(context.store->desk().deskName);

    // Automatic backups of the desk (daily, and at closing) on a thread of their own.
    BackupService::install(this, context.store->path());
    createMenus();
    connectSync();
    // The window's shortcuts come before the text fields' own keys (Ctrl+E is "end of line" in a
    // line edit on Linux, Ctrl+D "delete", Ctrl+H "backspace"): a clerk's shortcut works from any field.
    qApp->installEventFilter(this);

    connect(m_search, &SearchPane::subscriberChosen, this, &MainWindow::subscriberChosen);
    connect(m_search, &SearchPane::subscriberActivated, this, [this](qint64 seq) {
        // The row may not have been opened yet (its page was still loading when it became current).
        const auto chosen = m_context.store->subscriberBySeq(seq);
        if (!chosen || chosen->meta.id != m_record->stored().meta.id)
            subscriberChosen(seq);
        if (m_record->hasRecord())
            m_record->form()->firstField()->setFocus();
    });
    connect(m_events, &DeskEvents::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_events, &DeskEvents::recordChanged, m_status, &DeskStatus::refresh);
    connect(m_events, &DeskEvents::subscriberSaved, this,
            [this](qint64 seq, const QString &, bool created) {
                if (created && m_record->hasRecord()) {
                    // Show the new subscriber in the list: search for its number, which finds it at once.
                    m_search->setSearchText(QString::number(m_record->stored().number));
                } else {
                    m_search->model()->refresh();
                }
                m_search->showSubscriber(seq);
                updateTitle();
            });

    applySettings();
    updateTitle();
    // Within the screen, title bar included: on 1280x720 the window must not open with Save and the
    // status bar below the screen's edge.
    QSize size(1240, 760);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() - QSize(0, 40));
    resize(size);
    splitter->setSizes({540, 700});

    // A record typed but never saved before the last exit (or crash) comes back first.
    if (context.drafts && context.drafts->keys().contains(DraftStore::newRecordKey()))
        m_record->newSubscriber();
    else
        m_search->searchField()->setFocus(); // the first thing a clerk does is look someone up
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride || !isActiveWindow())
        return QMainWindow::eventFilter(watched, event);
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != this)
        return QMainWindow::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const Qt::KeyboardModifiers mods = key->modifiers()
                                       & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier
                                          | Qt::MetaModifier);
    if (!(mods & Qt::ControlModifier) && !(key->key() >= Qt::Key_F1 && key->key() <= Qt::Key_F35))
        return QMainWindow::eventFilter(watched, event);
    // Editing keys every text field needs stay the field's.
    static const QList<QKeySequence::StandardKey> editing = {QKeySequence::Copy,
                                                             QKeySequence::Cut,
                                                             QKeySequence::Paste,
                                                             QKeySequence::Undo,
                                                             QKeySequence::Redo,
                                                             QKeySequence::SelectAll,
                                                             QKeySequence::MoveToNextWord,
                                                             QKeySequence::MoveToPreviousWord,
                                                             QKeySequence::SelectNextWord,
                                                             QKeySequence::SelectPreviousWord,
                                                             QKeySequence::DeleteEndOfWord,
                                                             QKeySequence::DeleteStartOfWord};
    for (QKeySequence::StandardKey k : editing)
        if (key->matches(k))
            return QMainWindow::eventFilter(watched, event);
    const QKeySequence pressed(key->keyCombination());
    for (QAction *a : m_windowActions) {
        if (a->isEnabled() && a->shortcut() == pressed) {
            event->ignore(); // not the field's: the window's shortcut runs
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::createMenus()
{
    auto add = [this](QMenu *menu, const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&New subscriber"), QKeySequence::New, [this] {
        newSubscriber();
    })->setObjectName(QStringLiteral("action_new_subscriber"));
    file->addAction(m_record->saveAction());
    file->addAction(m_record->cancelAction());
    file->addSeparator();
    // Ctrl+E opens the worklists (Lists menu): the export takes Ctrl+Shift+E.
    add(file, tr("&Import subscribers…"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] {
        showImport();
    })->setObjectName(QStringLiteral("action_import"));
    add(file, tr("E&xport for the mailing house…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        [this] { showExport(); })
        ->setObjectName(QStringLiteral("action_export"));
    file->addSeparator();
    add(file, tr("Se&ttings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), [this] { showSettings(); });
    add(file, tr("&Backups…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        [this] { BackupDialog::showFor(this); });
    file->addSeparator();
    // Ctrl+Q on every system (QKeySequence::Quit has no key on Windows).
    add(file, tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), [this] { close(); });

    QMenu *find = menuBar()->addMenu(tr("&Search"));
    add(find, tr("&Find a subscriber"), QKeySequence::Find, [this] {
        m_search->focusSearch();
    })->setObjectName(QStringLiteral("action_find"));
    add(find, tr("Go to the &results"), QKeySequence(Qt::CTRL | Qt::Key_L),
        [this] { m_search->view()->setFocus(); });
    // F5 is "sync now" (Sync menu), which refreshes the list too; Ctrl+R renews a subscription.
    add(find, tr("&Refresh the list"), QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] {
        m_search->model()->refresh();
        m_status->refresh();
    });

    QMenu *record = menuBar()->addMenu(tr("&Record"));
    const QList<std::pair<QString, int>> tabs = {{tr("&Identity and address"),
                                                  RecordView::IdentityTab},
                                                 {tr("&Subscriptions"),
                                                  RecordView::SubscriptionsTab},
                                                 {tr("&Timeline"), RecordView::TimelineTab}};
    for (const auto &[text, tab] : tabs) {
        add(record, text, QKeySequence(int(Qt::CTRL) | int(Qt::Key_1 + tab)), [this, t = tab] {
            if (!m_record->tabs()->isTabEnabled(t))
                return;
            m_record->tabs()->setCurrentIndex(t);
            m_record->tabs()->currentWidget()->setFocus();
            if (t == RecordView::IdentityTab)
                m_record->form()->firstField()->setFocus();
            else if (t == RecordView::SubscriptionsTab)
                m_record->subscriptions()->subscriptionView()->setFocus();
        });
    }

    QMenu *subs = menuBar()->addMenu(tr("Su&bscriptions"));
    SubscriptionsPanel *panel = m_record->subscriptions();
    for (QAction *a :
         {panel->newAction(), panel->renewAction(), panel->cancelAction(), panel->restartAction()})
        subs->addAction(a);
    subs->addSeparator();
    for (QAction *a : {panel->holdAction(), panel->holidayAction(), panel->changeDatesAction(),
                       panel->removeChangeAction()})
        subs->addAction(a);
    subs->addSeparator();
    subs->addAction(panel->complaintAction());
    // The subscription actions act on the record's subscriptions tab: show it when one is used.
    for (QAction *a : subs->actions())
        connect(a, &QAction::triggered, this,
                [this] { m_record->tabs()->setCurrentIndex(RecordView::SubscriptionsTab); });

    QMenu *view = menuBar()->addMenu(tr("&Lists"));
    add(view, tr("&Worklists…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
        showWorklists();
    })->setObjectName(QStringLiteral("action_worklists"));
    add(view, tr("&Overview…"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] {
        showOverview();
    })->setObjectName(QStringLiteral("action_overview"));

    QMenu *sync = menuBar()->addMenu(tr("S&ync"));
    add(sync, tr("&Sync now"), QKeySequence(Qt::Key_F5), [this] {
        syncNow();
    })->setObjectName(QStringLiteral("action_sync_now"));
    add(sync, tr("Sync &panel…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y), [this] {
        showSyncPanel();
    })->setObjectName(QStringLiteral("action_sync_panel"));
    add(sync, tr("&Conflicts and refused changes…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
        [this] { showSyncPanel(true); })
        ->setObjectName(QStringLiteral("action_sync_attention"));
    // Only supervisors and admins may see the desks (the server checks it too: GET admin/desks).
    m_desksAction = add(sync, tr("&Desks at a glance…"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), [this] { showDesks(); });
    m_desksAction->setObjectName(QStringLiteral("action_desks"));
    m_desksAction->setEnabled(false);
    sync->addSeparator();
    add(sync, tr("&Log in…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), [this] {
        showLogin();
    })->setObjectName(QStringLiteral("action_login"));
    add(sync, tr("Log &out"), QKeySequence(), [this] {
        if (m_context.sync)
            m_context.sync->logout();
    });
    sync->setEnabled(m_context.sync != nullptr);

    // Every action of the menus, for the shortcuts taken before the fields'.
    for (QAction *menuAction : menuBar()->actions())
        for (QAction *a : menuAction->menu()->actions())
            if (!a->shortcut().isEmpty())
                m_windowActions << a;

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&Keyboard shortcuts"), QKeySequence::HelpContents, [this] {
        QStringList lines;
        for (QAction *menuAction : menuBar()->actions()) {
            for (QAction *a : menuAction->menu()->actions()) {
                if (a->isSeparator() || a->shortcut().isEmpty())
                    continue;
                lines
                    << QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;<b>%2</b></td></tr>")
                           .arg(a->text().remove(u'&').remove(QStringLiteral("…")).toHtmlEscaped(),
                                a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
            }
        }
        QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            QStringLiteral("<table>") + lines.join(QString()) + QStringLiteral("</table>")
                + tr("<p>Enter saves the record, Esc drops its changes. In the "
                     "search field, Down goes to the results and Enter opens the "
                     "first one.</p><p>In a date field, type the whole date "
                     "(02/08/2027, 2/8/27, 02082027); Up and Down change it by a "
                     "day, Alt+Down opens the calendar.</p>"));
    });
    add(help, tr("&About Relais"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About Relais"),
                           tr("<b>Relais</b> %1<br>Subscriptions and deliveries, online or not.<br>"
                              "Database: %2")
                               .arg(QApplication::applicationVersion(),
                                    m_context.store->path().toHtmlEscaped()));
    });
}

void MainWindow::updateTitle()
{
    // The platform writes the application's display name after the title ("Accueil — Relais"):
    // the title itself is the desk's name, so that "Relais" is not read twice.
    const QString desk = m_context.store->desk().deskName.trimmed();
    if (QGuiApplication::applicationDisplayName().isEmpty() || desk.isEmpty())
        setWindowTitle(
            tr("Relais — %1").arg(desk).remove(QRegularExpression(QStringLiteral(" — $"))));
    else
        setWindowTitle(desk);
}

void MainWindow::applySettings()
{
    if (m_context.sync) {
        const QUrl server(AppSettings::serverAddress());
        if (server != m_context.sync->server())
            m_context.sync->start(server,
                                  m_context.sync->user().isEmpty()
                                      ? m_context.store->metaValue(QStringLiteral("server_user"))
                                      : m_context.sync->user());
        m_status->setOverview(m_context.sync->overview());
    } else {
        m_status->setSyncState(AppSettings::serverAddress().isEmpty()
                                   ? DeskStatus::SyncState::LocalOnly
                                   : DeskStatus::SyncState::Offline);
    }
    m_status->setDeskName(m_context.store->desk().deskName);
    updateTitle();
}

void MainWindow::newSubscriber()
{
    if (!m_record->maybeLeave())
        return;
    m_record->newSubscriber();
}

void MainWindow::openSubscriber(qint64 seq)
{
    if (!m_record->maybeLeave())
        return;
    m_record->openSubscriber(seq);
    m_search->showSubscriber(seq);
}

void MainWindow::subscriberChosen(qint64 seq)
{
    const QString currentId = m_record->stored().meta.id;
    if (!m_record->maybeLeave()) {
        // Stay on the record being edited: put the list's selection back on it.
        if (!currentId.isEmpty()) {
            const auto back = DeskQueries(m_context.store->db()).seqOfId(currentId);
            m_search->selectSeqQuietly(back ? *back : -1);
        } else {
            m_search->selectSeqQuietly(-1);
        }
        return;
    }
    m_record->openSubscriber(seq);
}

void MainWindow::showWorklists()
{
    if (!m_worklists) {
        auto *w = new WorklistsDialog(m_context.worker, this);
        w->setAttribute(Qt::WA_DeleteOnClose);
        connect(w, &WorklistsDialog::openSubscriber, this, [this](qint64 seq) {
            openSubscriber(seq);
            activateWindow();
        });
        m_worklists = w;
    }
    m_worklists->show();
    m_worklists->raise();
    m_worklists->activateWindow();
}

void MainWindow::showOverview()
{
    if (!m_overview) {
        auto *w = new OverviewDialog(m_context.worker, this);
        w->setAttribute(Qt::WA_DeleteOnClose);
        m_overview = w;
    }
    m_overview->show();
    m_overview->raise();
    m_overview->activateWindow();
}

void MainWindow::showExport()
{
    if (!m_export) {
        auto *w = new ExportDialog(*m_context.store, this);
        w->setAttribute(Qt::WA_DeleteOnClose);
        m_export = w;
    }
    m_export->show();
    m_export->raise();
    m_export->activateWindow();
}

void MainWindow::showImport()
{
    if (!m_import) {
        auto *w = new ImportDialog(*m_context.store, this);
        w->setAttribute(Qt::WA_DeleteOnClose);
        connect(w, &ImportDialog::importFinished, this, [this](bool ok, qint64 imported) {
            if (!ok || imported <= 0)
                return;
            // Written by the import's own connection: the list and counters read them again.
            m_search->model()->refresh();
            m_status->refresh();
            emit m_events->statusMessage(tr("%n subscriber(s) imported.", nullptr, int(imported)));
        });
        m_import = w;
    }
    m_import->show();
    m_import->raise();
    m_import->activateWindow();
}

void MainWindow::showSettings()
{
    auto *d = new SettingsDialog(*m_context.store, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &SettingsDialog::accepted, this, [this, d] {
        applySettings();
        if (d->languageChanged())
            emit languageChanged(AppSettings::language());
    });
    d->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_record->maybeLeave()) {
        event->ignore();
        return;
    }
    if (m_context.sync && m_context.sync->overview().pending > 0) {
        // One last round, a few seconds at most; what stays queued is safe in the desk file.
        statusBar()->showMessage(tr("Sending the last changes…"));
        const qint64 left = m_context.sync->finalRound(5000);
        if (left > 0)
            QMessageBox::information(
                this, tr("Changes queued"),
                tr("%n change(s) could not reach the server yet. They are saved on this "
                   "desk and will be sent at the next start.",
                   nullptr, int(qMin<qint64>(left, INT_MAX))));
    }
    if (BackupService *backups = BackupService::of(this))
        backups->backupBeforeClose(this); // in a worker; this loop keeps the window painted
    event->accept();
}

void MainWindow::connectSync()
{
    Sync::Service *sync = m_context.sync;
    if (!sync)
        return;
    connect(sync, &Sync::Service::statusChanged, m_status, &DeskStatus::setOverview);
    auto allowDesks = [this](const Sync::Overview &o) {
        m_desksAction->setEnabled(o.role == u"supervisor" || o.role == u"admin");
    };
    connect(sync, &Sync::Service::statusChanged, this, allowDesks);
    allowDesks(sync->overview());
    connect(m_status, &DeskStatus::syncClicked, this, [this] { showSyncPanel(); });
    connect(sync, &Sync::Service::dataChanged, this, &MainWindow::refreshAfterPull);
    // During a first copy the list is not read again page after page: the copy builds the list's
    // indexes and the search index once at its end, so until then every count and page of the
    // list would read the whole growing table. The list says so, and is read once when the copy
    // ends or stops. The daily backup waits for the end too (BackupService::holdDailyBack).
    auto followFirstCopy = [this](const Sync::Overview &o) {
        if (o.bootstrapping == m_firstCopy)
            return;
        m_firstCopy = o.bootstrapping;
        m_search->setFirstCopy(m_firstCopy);
        if (BackupService *backups = BackupService::of(this))
            backups->holdDailyBack(m_firstCopy);
        if (!m_firstCopy)
            m_search->model()->refresh();
    };
    connect(sync, &Sync::Service::statusChanged, this, followFirstCopy);
    followFirstCopy(sync->overview());
    connect(m_events, &DeskEvents::recordChanged, sync, &Sync::Service::localCommit);
    connect(sync, &Sync::Service::roundFinished, this, [this](const Sync::Receipt &r) {
        if (r.resent > 0 || r.conflicts > 0 || r.rejected > 0)
            emit m_events->statusMessage(r.message.isEmpty() ? m_status->syncText() : r.message);
    });
    m_status->setOverview(sync->overview());
}

void MainWindow::refreshAfterPull(const QStringList &tables)
{
    // Rows written by the sync engine's connection: the lists read them again (at once, then at
    // most once a second while pages keep coming; during a first copy once at its end, see
    // followFirstCopy); the open record is read again only when the clerk is not editing it (their
    // edit keeps its own base).
    constexpr int ListRefreshMs = 1000;
    if (!m_listRefreshLater) {
        m_listRefreshLater = new QTimer(this);
        m_listRefreshLater->setSingleShot(true);
        connect(m_listRefreshLater, &QTimer::timeout, this, [this] {
            if (m_firstCopy)
                return;
            m_listRefreshed.start();
            m_search->model()->refresh();
        });
    }
    if (m_firstCopy) {
        m_listRefreshLater->stop();
    } else if (!m_listRefreshed.isValid() || m_listRefreshed.elapsed() >= ListRefreshMs) {
        m_listRefreshLater->stop();
        m_listRefreshed.start();
        m_search->model()->refresh();
    } else if (!m_listRefreshLater->isActive()) {
        m_listRefreshLater->start(int(ListRefreshMs - m_listRefreshed.elapsed()));
    }
    if (m_record->hasRecord() && !m_record->isNew() && !m_record->isModified() && !tables.isEmpty())
        m_record->openSubscriberById(m_record->stored().meta.id);
}

void MainWindow::syncNow()
{
    if (!m_context.sync)
        return;
    if (m_context.sync->server().isEmpty()
        || m_context.sync->overview().state == Sync::State::LoginNeeded) {
        showLogin();
        return;
    }
    m_context.sync->syncNow();
    m_search->model()->refresh();
}

void MainWindow::showLogin()
{
    if (!m_context.sync)
        return;
    const QString server = m_context.sync->server().isEmpty() ? AppSettings::serverAddress()
                                                              : m_context.sync->server().toString();
    auto *d = new LoginDialog(m_context.sync, server,
                              m_context.sync->user().isEmpty()
                                  ? m_context.store->metaValue(QStringLiteral("server_user"))
                                  : m_context.sync->user(),
                              this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &QDialog::accepted, this, [d] {
        // The address that worked becomes the desk's server.
        AppSettings::setServerAddress(d->server());
    });
    d->open();
}

void MainWindow::showDesks()
{
    if (!m_context.sync || !m_desksAction->isEnabled())
        return;
    if (!m_desks) {
        auto *w = new DesksWindow(m_context.sync, this);
        w->setAttribute(Qt::WA_DeleteOnClose);
        m_desks = w;
    } else {
        static_cast<DesksWindow *>(m_desks.data())->refresh();
    }
    m_desks->show();
    m_desks->raise();
    m_desks->activateWindow();
}

void MainWindow::showSyncPanel(bool attention)
{
    if (!m_context.sync)
        return;
    if (!m_syncPanel) {
        auto *w = new SyncPanel(m_context.sync, *m_context.store, m_context.store->actor().clerk,
                                this);
        w->setAttribute(Qt::WA_DeleteOnClose);
        connect(w, &SyncPanel::loginRequested, this, &MainWindow::showLogin);
        m_syncPanel = w;
    }
    auto *panel = static_cast<SyncPanel *>(m_syncPanel.data());
    panel->reload();
    if (attention)
        panel->showAttention();
    m_syncPanel->show();
    m_syncPanel->raise();
    m_syncPanel->activateWindow();
}

} // namespace Relais::Ui
