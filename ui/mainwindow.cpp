#include "mainwindow.h"

#include "appsettings.h"
#include "deskqueries.h"
#include "deskstatus.h"
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
#include "worklistsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

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

    createMenus();

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
    connect(m_events, &DeskEvents::subscriberSaved, this, [this](qint64 seq, const QString &, bool created) {
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
    resize(1240, 760);

    // A record typed but never saved before the last exit (or crash) comes back first.
    if (context.drafts && context.drafts->keys().contains(DraftStore::newRecordKey()))
        m_record->newSubscriber();
    else
        m_search->searchField()->setFocus(); // the first thing a clerk does is look someone up
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    auto add = [this](QMenu *menu, const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&New subscriber"), QKeySequence::New, [this] { newSubscriber(); })
        ->setObjectName(QStringLiteral("action_new_subscriber"));
    file->addAction(m_record->saveAction());
    file->addAction(m_record->cancelAction());
    file->addSeparator();
    // Ctrl+E opens the worklists (Lists menu): the export takes Ctrl+Shift+E.
    add(file, tr("&Import subscribers…"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { showImport(); })
        ->setObjectName(QStringLiteral("action_import"));
    add(file, tr("E&xport for the mailing house…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        [this] { showExport(); })
        ->setObjectName(QStringLiteral("action_export"));
    file->addSeparator();
    add(file, tr("Se&ttings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), [this] { showSettings(); });
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QMenu *find = menuBar()->addMenu(tr("&Search"));
    add(find, tr("&Find a subscriber"), QKeySequence::Find, [this] { m_search->focusSearch(); })
        ->setObjectName(QStringLiteral("action_find"));
    add(find, tr("Go to the &results"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        m_search->view()->setFocus();
    });
    add(find, tr("&Refresh the list"), QKeySequence::Refresh, [this] {
        m_search->model()->refresh();
        m_status->refresh();
    });

    QMenu *record = menuBar()->addMenu(tr("&Record"));
    const QList<std::pair<QString, int>> tabs = {{tr("&Identity and address"), RecordView::IdentityTab},
                                                 {tr("&Subscriptions"), RecordView::SubscriptionsTab},
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
    for (QAction *a : {panel->newAction(), panel->renewAction(), panel->cancelAction(), panel->restartAction()})
        subs->addAction(a);
    subs->addSeparator();
    for (QAction *a : {panel->holdAction(), panel->holidayAction()})
        subs->addAction(a);
    subs->addSeparator();
    subs->addAction(panel->complaintAction());
    // The subscription actions act on the record's subscriptions tab: show it when one is used.
    for (QAction *a : subs->actions())
        connect(a, &QAction::triggered, this,
                [this] { m_record->tabs()->setCurrentIndex(RecordView::SubscriptionsTab); });

    QMenu *view = menuBar()->addMenu(tr("&Lists"));
    add(view, tr("&Worklists…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { showWorklists(); })
        ->setObjectName(QStringLiteral("action_worklists"));
    add(view, tr("&Overview…"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] { showOverview(); })
        ->setObjectName(QStringLiteral("action_overview"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&Keyboard shortcuts"), QKeySequence::HelpContents, [this] {
        QStringList lines;
        for (QAction *menuAction : menuBar()->actions()) {
            for (QAction *a : menuAction->menu()->actions()) {
                if (a->isSeparator() || a->shortcut().isEmpty())
                    continue;
                lines << QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                             .arg(a->text().remove(u'&').remove(QStringLiteral("…")).toHtmlEscaped(),
                                  a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
            }
        }
        QMessageBox::information(this, tr("Keyboard shortcuts"),
                                 QStringLiteral("<table>") + lines.join(QString()) + QStringLiteral("</table>")
                                     + tr("<p>Enter saves the record, Esc drops its changes. In the "
                                          "search field, Down goes to the results and Enter opens the "
                                          "first one.</p>"));
    });
    add(help, tr("&About Relais"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About Relais"),
                           tr("<b>Relais</b> %1<br>Subscriptions and deliveries, online or not.<br>"
                              "Database: %2")
                               .arg(QApplication::applicationVersion(), m_context.store->path().toHtmlEscaped()));
    });
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("Relais — %1").arg(m_context.store->desk().deskName));
}

void MainWindow::applySettings()
{
    m_status->setSyncState(AppSettings::serverAddress().isEmpty() ? DeskStatus::SyncState::LocalOnly
                                                                  : DeskStatus::SyncState::Offline);
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
    event->accept();
}

} // namespace Relais::Ui
