#pragma once
// A new subscription for the subscriber on screen: title, offer, start (by default the first issue
// a change made now can still reach), copies, automatic renewal, and a payer when someone else pays.

#include "domain.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Relais {
class Store;
}

namespace Relais::Ui {

class DateField;

class SubscriptionDialog final : public QDialog
{
    Q_OBJECT
public:
    SubscriptionDialog(Store &store, const Subscriber &recipient, QWidget *parent = nullptr);
    const Subscription &created() const { return m_created; }

    void accept() override;

private:
    void titleChanged();
    void updateSummary();
    std::optional<Subscriber> payer() const;

    Store &m_store;
    Subscriber m_recipient;
    Subscription m_created;
    QList<Publication> m_titles;
    QList<Offer> m_offers;
    QComboBox *m_title;
    QComboBox *m_offer;
    DateField *m_start;
    QSpinBox *m_copies;
    QCheckBox *m_autoRenew;
    QCheckBox *m_otherPayer;
    QLineEdit *m_payerNumber;
    QLabel *m_payerName;
    QLabel *m_summary;
    QLabel *m_error;
    bool m_startEdited = false;
};

} // namespace Relais::Ui
