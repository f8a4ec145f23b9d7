#include "deskstatus.h"

#include "formats.h"
#include "storeworker.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace Relais::Ui {

namespace {
constexpr qint64 FewNumbers = 100;
constexpr qint64 ClockTolerance = 120; // seconds: start and end dates depend on the desk's clock

QString localTime(const QString &isoUtc)
{
    const QDateTime t = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    if (!t.isValid())
        return QString();
    const QDateTime local = t.toLocalTime();
    return local.date() == QDate::currentDate()
               ? QLocale().toString(local.time(), QLocale::ShortFormat)
               : shortDateTime(local, QLocale());
}
} // namespace

DeskStatus::DeskStatus(StoreWorker *worker, QWidget *parent) : QWidget(parent), m_worker(worker)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_sync = new QToolButton(this);
    m_sync->setObjectName(QStringLiteral("sync_state"));
    m_sync->setAutoRaise(true);
    m_sync->setFocusPolicy(Qt::NoFocus); // the Sync menu has the keyboard's way in
    connect(m_sync, &QToolButton::clicked, this, &DeskStatus::syncClicked);
    layout->addWidget(m_sync);
    m_queue = new QLabel(this);
    m_queue->setObjectName(QStringLiteral("queued"));
    m_numbers = new QLabel(this);
    m_numbers->setObjectName(QStringLiteral("numbers_left"));
    m_clock = new QLabel(this);
    m_clock->setObjectName(QStringLiteral("clock_warning"));
    m_desk = new QLabel(this);
    m_desk->setObjectName(QStringLiteral("desk_name"));
    for (QLabel *l : {m_queue, m_numbers, m_clock, m_desk}) {
        l->setFrameShape(QFrame::StyledPanel);
        l->setContentsMargins(6, 0, 6, 0);
        layout->addWidget(l);
    }
    m_numbers->hide();
    m_clock->hide();
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
        m_sync->setToolTip(
            tr("The server cannot be reached. Work goes on; changes wait in the queue."));
        break;
    case SyncState::Syncing:
        m_sync->setText(tr("Syncing…"));
        m_sync->setToolTip(QString());
        break;
    case SyncState::UpToDate:
        m_sync->setText(tr("Up to date"));
        m_sync->setToolTip(QString());
        break;
    case SyncState::NeedsAttention:
        m_sync->setText(tr("Needs attention"));
        m_sync->setToolTip(QString());
        break;
    case SyncState::LoginNeeded:
        m_sync->setText(tr("Login needed"));
        m_sync->setToolTip(QString());
        break;
    }
}

void DeskStatus::setOverview(const Sync::Overview &o)
{
    using Sync::State;
    QString text;
    QString tip = o.message;
    switch (o.state) {
    case State::LocalOnly: setSyncState(SyncState::LocalOnly); return showQueued(o.pending);
    case State::Offline:
        m_state = SyncState::Offline;
        text = tr("Offline");
        if (tip.isEmpty())
            tip = tr("The server cannot be reached. Work goes on; changes wait in the queue.");
        if (!o.nextAttemptAt.isEmpty())
            tip += u'\n' + tr("Next try at %1.").arg(localTime(o.nextAttemptAt));
        break;
    case State::Connecting:
        m_state = SyncState::Syncing;
        text = tr("Connecting…");
        break;
    case State::Sending:
        m_state = SyncState::Syncing;
        text = o.progressTotal > 0
                   ? tr("Sending %L1 of %L2").arg(o.progressDone).arg(o.progressTotal)
                   : tr("Sending…");
        break;
    case State::Receiving:
        m_state = SyncState::Syncing;
        if (o.bootstrapping)
            text = o.progressTotal > 0
                       ? tr("First copy: %L1 of %L2 rows").arg(o.progressDone).arg(o.progressTotal)
                       : tr("First copy: %L1 rows").arg(o.progressDone);
        else
            text = o.progressDone > 0 ? tr("Receiving %L1").arg(o.progressDone) : tr("Receiving…");
        break;
    case State::UpToDate:
        m_state = SyncState::UpToDate;
        text = tr("Up to date");
        tip = tr("Up to date with the server (change %L1) at %2.")
                  .arg(o.serverSeq)
                  .arg(localTime(o.lastSyncAt));
        break;
    case State::NeedsAttention:
        m_state = SyncState::NeedsAttention;
        text = o.conflicts + o.rejected > 0
                   ? tr("Needs attention: %n", nullptr,
                        int(qMin<qint64>(o.conflicts + o.rejected, INT_MAX)))
                   : tr("Needs attention");
        break;
    case State::LoginNeeded:
        m_state = SyncState::LoginNeeded;
        text = tr("Login needed");
        if (tip.isEmpty())
            tip = tr("Work goes on; changes wait until you log in (Sync menu).");
        break;
    }
    m_sync->setText(text);
    m_sync->setToolTip(tip);
    showQueued(o.pending);
    m_numbers->setVisible(o.numbersLeft >= 0 && o.numbersLeft < FewNumbers);
    m_numbers->setText(
        tr("%n subscriber number(s) left", nullptr, int(qMax<qint64>(0, o.numbersLeft))));
    m_numbers->setToolTip(tr("Numbers for new subscribers come in blocks from the server. Connect "
                             "before they run out; offline, new subscribers wait for a number."));
    const bool skewed = qAbs(o.clockSkewSeconds) > ClockTolerance;
    m_clock->setVisible(skewed);
    if (skewed)
        m_clock->setText(tr("Clock off by %n min", nullptr, int(qAbs(o.clockSkewSeconds) / 60)));
    m_clock->setToolTip(
        tr("This computer's clock differs from the server's: dates of changes may be wrong. "
           "Ask your support team to set the time."));
}

void DeskStatus::showQueued(qint64 n)
{
    m_queued = n;
    m_queue->setText(n < 0 ? tr("Queue unknown")
                           : tr("%n change(s) queued", nullptr, int(qMin<qint64>(n, INT_MAX))));
    emit refreshed(n);
}

void DeskStatus::setDeskName(const QString &name)
{
    m_desk->setText(tr("Desk: %1").arg(name));
}

void DeskStatus::refresh()
{
    m_worker->post(
        this, [](Store *store) -> qint64 { return store ? store->pendingOperationCount() : -1; },
        [this](qint64 n) { showQueued(n); });
}

QString DeskStatus::syncText() const
{
    return m_sync->text();
}

QString DeskStatus::text() const
{
    return m_sync->text() + u' ' + m_queue->text() + u' ' + m_desk->text();
}

} // namespace Relais::Ui
