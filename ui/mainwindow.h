#pragma once
// The clerk's main window: search and result list on the left, the selected subscriber's record on
// the right, menus with every action and its shortcut, the desk's status below. Worklists, the
// overview, the settings and the CSV export and import open in their own windows.

#include "deskcontext.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>

class QTimer;

namespace Relais::Ui {

class DeskStatus;
class RecordView;
class SearchPane;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(DeskContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    SearchPane *searchPane() const { return m_search; }
    RecordView *record() const { return m_record; }
    DeskStatus *deskStatus() const { return m_status; }
    DeskEvents *events() const { return m_events; }

    void newSubscriber();
    void openSubscriber(qint64 seq);
    void showWorklists();
    void showOverview();
    void showSettings();
    void showExport();
    void showImport();
    void showSyncPanel(bool attention = false);
    void showLogin();
    // Supervisors and admins: every desk of the publisher as the server sees it.
    void showDesks();
    void syncNow();
    // The server address decides between "local only" and "offline" until sync takes over.
    void applySettings();

signals:
    // The clerk chose another language: the application reloads its translators.
    void languageChanged(const QString &language);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createMenus();
    void subscriberChosen(qint64 seq);
    void updateTitle();
    void connectSync();
    void refreshAfterPull(const QStringList &tables);

    DeskContext m_context;
    DeskEvents *m_events;
    SearchPane *m_search;
    RecordView *m_record;
    DeskStatus *m_status;
    QPointer<QWidget> m_worklists;
    QPointer<QWidget> m_overview;
    QPointer<QWidget> m_export;
    QPointer<QWidget> m_import;
    QPointer<QWidget> m_syncPanel;
    QPointer<QWidget> m_desks;
    QAction *m_desksAction = nullptr; // enabled for the roles that may see the desks
    QList<QAction *> m_windowActions;
    // The list reads again at most once a second while pulled pages keep coming (a first copy
    // writes ten pages a second: each would count a million rows again).
    QElapsedTimer m_listRefreshed;
    QTimer *m_listRefreshLater = nullptr;
    bool m_firstCopy = false; // the desk's first copy from the server is under way
};

} // namespace Relais::Ui
