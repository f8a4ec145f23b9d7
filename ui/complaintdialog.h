#pragma once
// A complaint about one issue (not received, damaged), with the compensation granted: the end of
// the subscription pushed back by N issues.

#include "domain.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Relais {
class Store;
}

namespace Relais::Ui {

class DateField;

class ComplaintDialog final : public QDialog
{
    Q_OBJECT
public:
    ComplaintDialog(Store &store, const Subscription &subscription, QWidget *parent = nullptr);
    void accept() override;

private:
    Store &m_store;
    Subscription m_subscription;
    DateField *m_issue;
    QComboBox *m_kind;
    QSpinBox *m_compensation;
    QLineEdit *m_note;
    QLabel *m_error;
};

} // namespace Relais::Ui
