#pragma once
// The status bar's permanent part: the sync state (local only / offline / syncing / up to date),
// the number of changes queued for the server, and the desk's name. The sync engine sets the state;
// the queue count is read in the worker (the outbox can be long after weeks offline).

#include <QWidget>

class QLabel;

namespace Relais {
class StoreWorker;
}

namespace Relais::Ui {

class DeskStatus final : public QWidget
{
    Q_OBJECT
public:
    enum class SyncState { LocalOnly, Offline, Syncing, UpToDate };

    DeskStatus(StoreWorker *worker, QWidget *parent = nullptr);
    void setSyncState(SyncState state);
    SyncState syncState() const { return m_state; }
    void setDeskName(const QString &name);
    // Re-reads the queued count.
    void refresh();
    qint64 queued() const { return m_queued; }
    QString text() const;

signals:
    void refreshed(qint64 queued);

private:
    StoreWorker *m_worker;
    SyncState m_state = SyncState::LocalOnly;
    qint64 m_queued = -1;
    QLabel *m_sync;
    QLabel *m_queue;
    QLabel *m_desk;
};

} // namespace Relais::Ui
