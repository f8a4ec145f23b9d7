#include "deskswindow.h"

#include "syncservice.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {

// A server time (ISO UTC) in the desk's local time; a dash for never.
QString localTime(const QString &iso)
{
    if (iso.isEmpty())
        return QStringLiteral("—");
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        return iso;
    return QLocale().toString(t.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm"));
}

QTableWidgetItem *number(const std::optional<qint64> &n)
{
    auto *item = new QTableWidgetItem(n ? QLocale().toString(*n) : QStringLiteral("—"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (n)
        item->setData(Qt::UserRole, *n);
    return item;
}

} // namespace

DesksWindow::DesksWindow(Sync::Service *sync, QWidget *parent) : QDialog(parent), m_sync(sync)
{
    setWindowTitle(tr("Desks at a glance"));
    resize(1100, 420);
    auto *layout = new QVBoxLayout(this);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("state"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("desks"));
    m_table->setHorizontalHeaderLabels({tr("Desk"), tr("Late"), tr("Last push"), tr("Last pull"),
                                        tr("Queued"), tr("Oldest queued change"), tr("Epoch seen"),
                                        tr("Numbers left"), tr("Version"), tr("Clock skew")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table, 1);
    auto *legend = new QLabel(
        tr("A desk is <b>late</b> when changes it had queued before the last cut-off "
           "of a title have not reached the server since: they miss that issue's "
           "labels. Call the desk."),
        this);
    legend->setWordWrap(true);
    layout->addWidget(legend);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    m_refresh->setObjectName(QStringLiteral("refresh"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_refresh, &QPushButton::clicked, this, &DesksWindow::refresh);
    if (m_sync)
        connect(m_sync, &Sync::Service::desksFetched, this,
                [this](const Protocol::DesksAnswer &a, const QString &error) {
                    setAnswer(a, error);
                });
    refresh();
}

void DesksWindow::refresh()
{
    if (!m_sync) {
        setAnswer({}, tr("This desk does not sync with a server."));
        return;
    }
    m_state->setText(tr("Asking the server…"));
    m_refresh->setEnabled(false);
    m_sync->fetchDesks();
}

void DesksWindow::setAnswer(const Protocol::DesksAnswer &answer, const QString &error)
{
    m_refresh->setEnabled(true);
    if (!error.isEmpty()) {
        m_state->setText(error);
        emit refreshed();
        return;
    }
    m_table->setRowCount(int(answer.desks.size()));
    int late = 0;
    for (int i = 0; i < answer.desks.size(); ++i) {
        const Protocol::DeskLine &d = answer.desks.at(i);
        QString name = d.host.isEmpty() ? d.deskId.left(8) : d.host;
        if (!d.user.isEmpty())
            name += QStringLiteral(" (%1)").arg(d.user);
        auto *desk = new QTableWidgetItem(name);
        desk->setToolTip(tr("Desk %1, registered %2").arg(d.deskId, localTime(d.registeredAt)));
        desk->setData(Qt::UserRole, d.deskId);
        m_table->setItem(i, Desk, desk);
        m_table->setItem(i, Late, new QTableWidgetItem(d.late ? tr("LATE") : QString()));
        m_table->setItem(i, LastPush, new QTableWidgetItem(localTime(d.lastPushAt)));
        m_table->setItem(i, LastPull, new QTableWidgetItem(localTime(d.lastPullAt)));
        auto *queue = number(d.queueDepth);
        if (d.queueDepth) {
            if (!d.reportedAt.isEmpty())
                queue->setToolTip(tr("As the desk reported it on %1").arg(localTime(d.reportedAt)));
        } else {
            // Registered (it leased numbers, or synced with an older version) but never said
            // what it holds.
            queue->setText(tr("never reported"));
            queue->setToolTip(tr("The desk registered on %1 and has never reported what it holds.")
                                  .arg(localTime(d.registeredAt)));
        }
        m_table->setItem(i, Queue, queue);
        m_table->setItem(i, Oldest, new QTableWidgetItem(localTime(d.oldestQueuedAt)));
        auto *epoch = new QTableWidgetItem(d.epochSeen.isEmpty()
                                               ? QStringLiteral("—")
                                               : d.epochSeen.left(8)
                                                     + (d.epochCurrent ? QString() : tr(" (old)")));
        epoch->setToolTip(d.epochSeen);
        m_table->setItem(i, Epoch, epoch);
        m_table->setItem(i, Numbers, number(d.numbersLeft));
        m_table->setItem(i, Version,
                         new QTableWidgetItem(d.appVersion.isEmpty() ? QStringLiteral("—")
                                                                     : d.appVersion));
        // Seconds, signed: positive when the desk's clock is ahead of the server's.
        auto *skew = new QTableWidgetItem(
            d.clockSkewSeconds ? QLocale().toString(*d.clockSkewSeconds) + QStringLiteral(" s")
                               : QStringLiteral("—"));
        skew->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, Skew, skew);
        if (d.late) {
            ++late;
            for (int c = 0; c < ColumnCount; ++c) {
                QTableWidgetItem *item = m_table->item(i, c);
                item->setBackground(QColor(0xf8, 0xd7, 0xda));
                item->setForeground(QColor(0x84, 0x20, 0x29));
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
        }
    }
    m_table->resizeColumnsToContents();
    QString text = tr("%n desk(s), as the server saw them at %1.", nullptr,
                      int(answer.desks.size()))
                       .arg(localTime(answer.now));
    if (!answer.cutoff.isEmpty())
        text += u' ' + tr("Last cut-off: %1.").arg(localTime(answer.cutoff));
    if (late > 0)
        text += u' ' + tr("%n desk(s) late.", nullptr, late);
    m_state->setText(text);
    emit refreshed();
}

} // namespace Relais::Ui
