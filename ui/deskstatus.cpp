#include "deskstatus.h"

#include "storeworker.h"

#include <QHBoxLayout>
#include <QLabel>

namespace Relais::Ui {

DeskStatus::DeskStatus(StoreWorker *worker, QWidget *parent) : QWidget(parent), m_worker(worker)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_sync = new QLabel(this);
    m_sync->setObjectName(QStringLiteral("sync_state"));
    m_queue = new QLabel(this);
    m_queue->setObjectName(QStringLiteral("queued"));
    m_desk = new QLabel(this);
    m_desk->setObjectName(QStringLiteral("desk_name"));
    for (QLabel *l : {m_sync, m_queue, m_desk}) {
        l->setFrameShape(QFrame::StyledPanel);
        l->setContentsMargins(6, 0, 6, 0);
        layout->addWidget(l);
    }
    setSyncState(SyncState::LocalOnly);
    refresh();
}

void DeskStatus::setSyncState(SyncState state)
{
    m_state = state;
    switch (state) {
    case SyncState::LocalOnly:
        m_sync->setText(tr("Local only"));
        m_sync->setToolTip(tr("No server is configured: this desk works on its own file."));
        break;
    case SyncState::Offline:
        m_sync->setText(tr("Offline"));
        m_sync->setToolTip(tr("The server cannot be reached. Work goes on; changes wait in the queue."));
        break;
    case SyncState::Syncing:
        m_sync->setText(tr("Syncing…"));
        m_sync->setToolTip(QString());
        break;
    case SyncState::UpToDate:
        m_sync->setText(tr("Up to date"));
        m_sync->setToolTip(QString());
        break;
    }
}

void DeskStatus::setDeskName(const QString &name)
{
    m_desk->setText(tr("Desk: %1").arg(name));
}

void DeskStatus::refresh()
{
    m_worker->post(
        this, [](Store *store) -> qint64 { return store ? store->pendingOperationCount() : -1; },
        [this](qint64 n) {
            m_queued = n;
            m_queue->setText(n < 0 ? tr("Queue unknown") : tr("%n change(s) queued", nullptr, int(qMin<qint64>(n, INT_MAX))));
            emit refreshed(n);
        });
}

QString DeskStatus::text() const
{
    return m_sync->text() + u' ' + m_queue->text() + u' ' + m_desk->text();
}

} // namespace Relais::Ui
