#pragma once
// The subscriber's dated history: every change (who, when, through which channel, old -> new) and,
// for a chosen day, the address and the status of each subscription that applied then.

#include "deskcontext.h"
#include "domain.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace Relais {
class AuditTableModel;
}

namespace Relais::Ui {

class DateField;

class TimelinePanel final : public QWidget
{
    Q_OBJECT
public:
    TimelinePanel(DeskContext context, QWidget *parent = nullptr);
    void setSubscriber(const Subscriber &s);
    void reload();
    void setDay(QDate day);
    QTableView *auditView() const { return m_view; }
    AuditTableModel *auditModel() const { return m_model; }
    QString dayText() const;

private:
    void updateDay();

    DeskContext m_context;
    Subscriber m_subscriber;
    QList<AuditEntry> m_audit;
    QList<Subscription> m_subscriptions;
    QHash<QString, QList<DeliveryChange>> m_changes;
    QHash<QString, QString> m_titles;
    AuditTableModel *m_model;
    QTableView *m_view;
    DateField *m_day;
    QLabel *m_dayState;
};

} // namespace Relais::Ui
