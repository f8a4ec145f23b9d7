#pragma once
// The subscriber's subscriptions (as recipient or payer), and for the one selected its holds,
// holiday addresses and complaints, with the actions a clerk takes on them.

#include "deskcontext.h"
#include "domain.h"

#include <QWidget>

class QAction;
class QDialog;
class QLabel;
class QTableView;

namespace Relais {
class ComplaintTableModel;
class DeliveryChangeTableModel;
class SubscriptionTableModel;
} // namespace Relais

namespace Relais::Ui {

class SubscriptionsPanel final : public QWidget
{
    Q_OBJECT
public:
    SubscriptionsPanel(DeskContext context, DeskEvents *events, QWidget *parent = nullptr);

    void setSubscriber(const Subscriber &s); // an empty id clears the panel
    void reload();
    std::optional<Subscription> selectedSubscription() const;
    void selectSubscription(const QString &id);

    QAction *newAction() const { return m_new; }
    QAction *renewAction() const { return m_renew; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *restartAction() const { return m_restart; }
    QAction *holdAction() const { return m_hold; }
    QAction *holidayAction() const { return m_holiday; }
    QAction *complaintAction() const { return m_complaint; }
    QAction *changeDatesAction() const { return m_changeDates; }
    QAction *removeChangeAction() const { return m_removeChange; }
    std::optional<DeliveryChange> selectedChange() const;
    QTableView *subscriptionView() const { return m_view; }
    QTableView *changeView() const { return m_changesView; }
    QTableView *complaintView() const { return m_complaintsView; }

private:
    void selectionChanged();
    void updateActions();
    void changed(const QString &message);
    void openDialog(QDialog *dialog, const QString &doneMessage);
    void newSubscription();
    void renew();
    void cancel();
    void restart();
    void addChange(DeliveryChangeKind kind);
    void addComplaint();
    void changeDates();
    void removeChange();

    DeskContext m_context;
    DeskEvents *m_events;
    Subscriber m_subscriber;
    SubscriptionTableModel *m_model;
    DeliveryChangeTableModel *m_changes;
    ComplaintTableModel *m_complaints;
    QTableView *m_view;
    QTableView *m_changesView;
    QTableView *m_complaintsView;
    QLabel *m_changesTitle;
    QLabel *m_error;
    QAction *m_new;
    QAction *m_renew;
    QAction *m_cancel;
    QAction *m_restart;
    QAction *m_hold;
    QAction *m_holiday;
    QAction *m_complaint;
    QAction *m_changeDates;
    QAction *m_removeChange;
};

} // namespace Relais::Ui
