#pragma once
// The status bar's permanent part: the sync state as the engine reports it (local only, offline,
// connecting, sending n of m, receiving, up to date with the server's sequence and time, needs
// attention, login needed), the changes queued, the subscriber numbers left when few remain, a
// warning when the desk's clock is off, and the desk's name. A click on the state opens the sync
// panel.

#include "syncstatus.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace Relais {
class StoreWorker;
}

namespace Relais::Ui {

class DeskStatus final : public QWidget
{
    Q_OBJECT
public:
    enum class SyncState { LocalOnly, Offline, Syncing, UpToDate, NeedsAttention, LoginNeeded };

    DeskStatus(StoreWorker *worker, QWidget *parent = nullptr);
    void setSyncState(SyncState state);
    SyncState syncState() const { return m_state; }
    // What the sync engine says (its own count of queued changes included).
    void setOverview(const Sync::Overview &overview);
    void setDeskName(const QString &name);
    // Re-reads the queued count.
    void refresh();
    qint64 queued() const { return m_queued; }
    QString text() const;
    QString syncText() const;

signals:
    void refreshed(qint64 queued);
    void syncClicked();

private:
    void showQueued(qint64 n);

    StoreWorker *m_worker;
    SyncState m_state = SyncState::LocalOnly;
    qint64 m_queued = -1;
    QToolButton *m_sync;
    QLabel *m_queue;
    QLabel *m_numbers;
    QLabel *m_clock;
    QLabel *m_desk;
};

} // namespace Relais::Ui
