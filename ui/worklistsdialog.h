#pragma once
// Worklists: subscriptions whose term ends within N days (for renewal campaigns) and the holds and
// holiday addresses that start tomorrow. Read in the worker; Enter or a double click opens the
// subscriber in the main window.

#include <QDialog>

class QLabel;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace Relais {
class ChangeStartModel;
class ExpiringModel;
class StoreWorker;
} // namespace Relais

namespace Relais::Ui {

class WorklistsDialog final : public QDialog
{
    Q_OBJECT
public:
    WorklistsDialog(StoreWorker *worker, QWidget *parent = nullptr);
    void reload();
    // Widens the dialog to its lists' columns, within the screen, then fits the columns to it.
    void fitToTables();
    static int tableWidth(QTableView *view);
    ExpiringModel *expiringModel() const { return m_expiring; }
    ChangeStartModel *startingModel() const { return m_starting; }
    QSpinBox *daysField() const { return m_days; }
    QTableView *expiringView() const { return m_expiringView; }
    QTableView *startingView() const { return m_startingView; }

signals:
    void openSubscriber(qint64 seq);
    void reloaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    int chrome() const;
    void fitColumns();

    StoreWorker *m_worker;
    ExpiringModel *m_expiring;
    ChangeStartModel *m_starting;
    QTabWidget *m_tabs;
    QSpinBox *m_days;
    QTableView *m_expiringView;
    QTableView *m_startingView;
    QLabel *m_expiringCount;
    QLabel *m_startingCount;
    int m_pending = 0;
};

} // namespace Relais::Ui
