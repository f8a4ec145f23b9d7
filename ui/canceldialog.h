#pragma once
// Cancelling a subscription: now (from the first issue a change can still reach), at the end of
// the term, or at a chosen date, always with a reason.

#include "domain.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QLabel;
class QRadioButton;

namespace Relais {
class Store;
}

namespace Relais::Ui {

class DateField;

class CancelDialog final : public QDialog
{
    Q_OBJECT
public:
    CancelDialog(Store &store, const Subscription &subscription, QWidget *parent = nullptr);
    void accept() override;
    // The first day not delivered, as chosen (invalid while none is chosen).
    QDate cancelDate() const;

private:
    void updateInfo();

    Store &m_store;
    Subscription m_subscription;
    QDate m_now;
    QButtonGroup *m_when;
    QRadioButton *m_whenNow;
    QRadioButton *m_whenEnd;
    QRadioButton *m_whenDate;
    DateField *m_date;
    QComboBox *m_reason;
    QLabel *m_info;
    QLabel *m_error;
};

} // namespace Relais::Ui
