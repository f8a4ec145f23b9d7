#pragma once
// Tables of one subscriber's record: subscriptions, holds and holiday addresses, complaints, and
// the audit trail. Rows are prepared by the caller (from the Store); the models only present them.

#include "domain.h"
#include "listtablemodel.h"

#include <QObject>

namespace Relais {

// Human words for the domain's codes, shared by the tables and the forms.
namespace Labels {
QString status(SubscriptionStatus s);
QString changeKind(DeliveryChangeKind k);
QString complaintKind(ComplaintKind k);
QString channel(ContactChannel c);
QString operation(const QString &code); // "subscriber.update" -> "Subscriber changed"
QString field(const QString &column);   // "postal_code" -> "Postal code"
QString date(QDate d);                  // dd/MM/yyyy, or an empty string
// Cancellation reasons are stored as codes ("price") and shown in the interface's language; a
// reason typed by hand is stored and shown as typed.
QStringList cancelReasonCodes();
QString cancelReason(const QString &stored);
} // namespace Labels

struct SubscriptionView
{
    Subscription subscription;
    QString title;
    QString offer;
    QString recipientName;                                  // when this subscriber only pays
    QString payerName;                                      // when someone else pays
    SubscriptionStatus status = SubscriptionStatus::Active; // today
};

class SubscriptionTableModel final : public ListTableModel<SubscriptionView>
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        OfferColumn,
        StartColumn,
        EndColumn,
        CopiesColumn,
        StatusColumn,
        PayerColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole };
    using ListTableModel::ListTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant cell(const SubscriptionView &row, int column, int role) const override;
    QString header(int column) const override;
};

class DeliveryChangeTableModel final : public ListTableModel<DeliveryChange>
{
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        FromColumn,
        ToColumn,
        AddressColumn,
        CompensationColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1 };
    using ListTableModel::ListTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant cell(const DeliveryChange &row, int column, int role) const override;
    QString header(int column) const override;
};

class ComplaintTableModel final : public ListTableModel<Complaint>
{
    Q_OBJECT
public:
    enum Column { IssueColumn, KindColumn, CompensationColumn, NoteColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    using ListTableModel::ListTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant cell(const Complaint &row, int column, int role) const override;
    QString header(int column) const override;
};

// One line per changed field of each audit entry: who, when, what, old -> new.
struct AuditLine
{
    QDateTime at;
    QString clerk;
    ContactChannel channel = ContactChannel::Desk;
    QString operation;
    QString field;
    QString oldValue;
    QString newValue;
};
// Splits audit entries into lines, newest first.
QList<AuditLine> auditLines(const QList<AuditEntry> &entries);

class AuditTableModel final : public ListTableModel<AuditLine>
{
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        ClerkColumn,
        ChannelColumn,
        OperationColumn,
        FieldColumn,
        OldColumn,
        NewColumn,
        ColumnCount
    };
    using ListTableModel::ListTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant cell(const AuditLine &row, int column, int role) const override;
    QString header(int column) const override;
};

} // namespace Relais
