#pragma once
// A hold (vacation stop) or a holiday address for one subscription, with its date range. Says which
// issue the change first reaches given the title's cut-off, and shows the store's reason when the
// range overlaps another hold or holiday address.

#include "domain.h"

#include <QDialog>

class QComboBox;
class QLabel;

namespace Relais {
class Store;
}

namespace Relais::Ui {

class AddressFields;
class DateField;

class DeliveryChangeDialog final : public QDialog
{
    Q_OBJECT
public:
    DeliveryChangeDialog(Store &store, const Subscription &subscription, DeliveryChangeKind kind,
                         QWidget *parent = nullptr);
    // Changing the dates of an existing hold or holiday address (a reader back early, a longer
    // stay): the dates are editable, the rest is shown as it is.
    void editExisting(const DeliveryChange &existing);
    void accept() override;
    // For tests and the clock: the moment the "first issue reached" is computed for.
    void setNow(const QDateTime &now);

private:
    void updateInfo();

    Store &m_store;
    std::optional<DeliveryChange> m_existing;
    Subscription m_subscription;
    DeliveryChangeKind m_kind;
    std::optional<Publication> m_title;
    QDateTime m_nowTime;
    bool m_toEdited = false;
    DateField *m_from;
    DateField *m_to;
    QComboBox *m_compensation = nullptr;
    AddressFields *m_address = nullptr;
    QLabel *m_firstIssue;
    QLabel *m_error;
};

} // namespace Relais::Ui
