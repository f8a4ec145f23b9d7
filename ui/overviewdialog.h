#pragma once
// The overview: active subscribers per title today, and starts and stops per week over the last
// twelve weeks as a chart. Aggregates over every subscription, so they run in the worker.

#include "deskqueries.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace Relais {
class StoreWorker;
}

namespace Relais::Ui {

class ChartWidget;

class OverviewDialog final : public QDialog
{
    Q_OBJECT
public:
    OverviewDialog(StoreWorker *worker, QWidget *parent = nullptr);
    void reload();
    const Overview &overview() const { return m_overview; }

signals:
    void reloaded();

private:
    StoreWorker *m_worker;
    Overview m_overview;
    QTableWidget *m_titles;
    ChartWidget *m_chart;
    QLabel *m_state;
};

} // namespace Relais::Ui
