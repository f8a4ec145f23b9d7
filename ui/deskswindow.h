#pragma once
// The desks at a glance, for supervisors and admins (docs/user-guide.md): every desk of the
// publisher as the server last heard of it — last push and pull, what waits in its queue and since
// when, the epoch it has seen, numbers left, its version, its clock — with the desks whose queued
// changes have been silent since before the last cut-off flagged "late". The request goes through
// the sync engine, on its thread; the window never waits on the network.

#include "deskreport.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Relais::Sync {
class Service;
}

namespace Relais::Ui {

class DesksWindow final : public QDialog
{
    Q_OBJECT
public:
    enum Column {
        Desk,
        Late,
        LastPush,
        LastPull,
        Queue,
        Oldest,
        Epoch,
        Numbers,
        Version,
        Skew,
        ColumnCount
    };

    explicit DesksWindow(Sync::Service *sync, QWidget *parent = nullptr);
    void refresh();
    // What the table shows (tests): the answer, or the reason there is none.
    void setAnswer(const Protocol::DesksAnswer &answer, const QString &error);

signals:
    void refreshed();

private:
    Sync::Service *m_sync;
    QTableWidget *m_table;
    QLabel *m_state;
    QPushButton *m_refresh;
};

} // namespace Relais::Ui
