#pragma once
// The search field and the result list: results as the clerk types, from the FTS index, over a
// paged model. Down goes from the field to the list; Enter opens the current row's record.

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace Relais {
class StoreWorker;
class SubscriberListModel;
} // namespace Relais

namespace Relais::Ui {

class SearchPane final : public QWidget
{
    Q_OBJECT
public:
    SearchPane(StoreWorker *worker, QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_field; }
    QTableView *view() const { return m_view; }
    SubscriberListModel *model() const { return m_model; }
    void focusSearch();
    void setSearchText(const QString &text);
    // Selects a subscriber's row once it is found in the list (after a save, from a worklist).
    void showSubscriber(qint64 seq);
    // Moves the selection without asking the record to open it (when the clerk chose to stay).
    void selectSeqQuietly(qint64 seq);
    qint64 currentSeq() const;
    // While the desk's first copy runs, the count says that the list and the search show only what
    // had arrived when they were last read, until the copy ends.
    void setFirstCopy(bool on);

signals:
    // The current row changed to this subscriber (the window decides whether to switch).
    void subscriberChosen(qint64 seq);
    // Enter on a row: open it and go to the record.
    void subscriberActivated(qint64 seq);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void currentRowChanged();
    void selectRow(int row);
    void showCount();

    SubscriberListModel *m_model;
    QLineEdit *m_field;
    QLabel *m_count;
    QTableView *m_view;
    qint64 m_wanted = -1;
    qint64 m_lastChosen = -1; // the subscriber last handed to the window
    bool m_quiet = false;
    bool m_firstCopy = false;
    QString m_countText; // the count without the first copy's note
};

} // namespace Relais::Ui
