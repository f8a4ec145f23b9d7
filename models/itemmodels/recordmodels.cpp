#include "recordmodels.h"

#include "writepath.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Relais {

namespace Labels {

QString status(SubscriptionStatus s)
{
    switch (s) {
    case SubscriptionStatus::Pending: return QCoreApplication::translate("Relais", "Not started");
    case SubscriptionStatus::Active: return QCoreApplication::translate("Relais", "Active");
    case SubscriptionStatus::Suspended: return QCoreApplication::translate("Relais", "Suspended");
    case SubscriptionStatus::Cancelled: return QCoreApplication::translate("Relais", "Cancelled");
    case SubscriptionStatus::Expired: return QCoreApplication::translate("Relais", "Expired");
    }
    return {};
}

QString changeKind(DeliveryChangeKind k)
{
    return k == DeliveryChangeKind::Hold ? QCoreApplication::translate("Relais", "Hold")
                                         : QCoreApplication::translate("Relais", "Holiday address");
}

QString complaintKind(ComplaintKind k)
{
    return k == ComplaintKind::NotReceived
               ? QCoreApplication::translate("Relais", "Issue not received")
               : QCoreApplication::translate("Relais", "Issue damaged");
}

QString channel(ContactChannel c)
{
    switch (c) {
    case ContactChannel::Letter: return QCoreApplication::translate("Relais", "Letter");
    case ContactChannel::Phone: return QCoreApplication::translate("Relais", "Phone");
    case ContactChannel::Email: return QCoreApplication::translate("Relais", "E-mail");
    case ContactChannel::Counter: return QCoreApplication::translate("Relais", "Counter");
    case ContactChannel::Web: return QCoreApplication::translate("Relais", "Web");
    case ContactChannel::Desk: return QCoreApplication::translate("Relais", "Clerk");
    }
    return {};
}

QString operation(const QString &code)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("subscriber.create"), QT_TRANSLATE_NOOP("Relais", "Subscriber created")},
        {QStringLiteral("subscriber.update"), QT_TRANSLATE_NOOP("Relais", "Subscriber changed")},
        {QStringLiteral("subscription.create"),
         QT_TRANSLATE_NOOP("Relais", "Subscription created")},
        {QStringLiteral("subscription.cancel"),
         QT_TRANSLATE_NOOP("Relais", "Subscription cancelled")},
        {QStringLiteral("subscription.renew"), QT_TRANSLATE_NOOP("Relais", "Subscription renewed")},
        {QStringLiteral("subscription.restart"),
         QT_TRANSLATE_NOOP("Relais", "Subscription restarted")},
        {QStringLiteral("subscription.extend"),
         QT_TRANSLATE_NOOP("Relais", "Subscription extended")},
        {QStringLiteral("hold.create"), QT_TRANSLATE_NOOP("Relais", "Hold added")},
        {QStringLiteral("holiday_address.create"),
         QT_TRANSLATE_NOOP("Relais", "Holiday address added")},
        {QStringLiteral("complaint.create"), QT_TRANSLATE_NOOP("Relais", "Complaint recorded")},
    };
    const auto it = names.constFind(code);
    return it == names.cend() ? code : QCoreApplication::translate("Relais", *it);
}

QString field(const QString &column)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("number"), QT_TRANSLATE_NOOP("Relais", "Number")},
        {QStringLiteral("civility"), QT_TRANSLATE_NOOP("Relais", "Civility")},
        {QStringLiteral("first_name"), QT_TRANSLATE_NOOP("Relais", "First name")},
        {QStringLiteral("last_name"), QT_TRANSLATE_NOOP("Relais", "Last name")},
        {QStringLiteral("company"), QT_TRANSLATE_NOOP("Relais", "Company")},
        {QStringLiteral("line2"), QT_TRANSLATE_NOOP("Relais", "Line 2 (apartment, floor)")},
        {QStringLiteral("line3"), QT_TRANSLATE_NOOP("Relais", "Line 3 (building)")},
        {QStringLiteral("line4"), QT_TRANSLATE_NOOP("Relais", "Line 4 (number and street)")},
        {QStringLiteral("line5"), QT_TRANSLATE_NOOP("Relais", "Line 5 (lieu-dit, BP)")},
        {QStringLiteral("postal_code"), QT_TRANSLATE_NOOP("Relais", "Postal code")},
        {QStringLiteral("city"), QT_TRANSLATE_NOOP("Relais", "Town")},
        {QStringLiteral("country"), QT_TRANSLATE_NOOP("Relais", "Country")},
        {QStringLiteral("insee_code"), QT_TRANSLATE_NOOP("Relais", "INSEE code")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("Relais", "E-mail")},
        {QStringLiteral("phone"), QT_TRANSLATE_NOOP("Relais", "Phone")},
        {QStringLiteral("notes"), QT_TRANSLATE_NOOP("Relais", "Notes")},
        {QStringLiteral("consents"), QT_TRANSLATE_NOOP("Relais", "Consents")},
        {QStringLiteral("start_date"), QT_TRANSLATE_NOOP("Relais", "Start")},
        {QStringLiteral("end_date"), QT_TRANSLATE_NOOP("Relais", "End")},
        {QStringLiteral("copies"), QT_TRANSLATE_NOOP("Relais", "Copies")},
        {QStringLiteral("auto_renew"), QT_TRANSLATE_NOOP("Relais", "Automatic renewal")},
        {QStringLiteral("cancel_date"), QT_TRANSLATE_NOOP("Relais", "Cancellation date")},
        {QStringLiteral("cancel_reason"), QT_TRANSLATE_NOOP("Relais", "Cancellation reason")},
        {QStringLiteral("from_date"), QT_TRANSLATE_NOOP("Relais", "From")},
        {QStringLiteral("to_date"), QT_TRANSLATE_NOOP("Relais", "To")},
        {QStringLiteral("kind"), QT_TRANSLATE_NOOP("Relais", "Kind")},
        {QStringLiteral("compensation"), QT_TRANSLATE_NOOP("Relais", "Compensation")},
        {QStringLiteral("compensation_issues"), QT_TRANSLATE_NOOP("Relais", "Issues added")},
        {QStringLiteral("issue_date"), QT_TRANSLATE_NOOP("Relais", "Issue")},
        {QStringLiteral("note"), QT_TRANSLATE_NOOP("Relais", "Note")},
    };
    const auto it = names.constFind(column);
    return it == names.cend() ? column : QCoreApplication::translate("Relais", *it);
}

QString date(QDate d)
{
    return d.isValid() ? d.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

namespace {
const QList<std::pair<QString, const char *>> &cancelReasons()
{
    static const QList<std::pair<QString, const char *>> reasons =
        {{QStringLiteral("moving"), QT_TRANSLATE_NOOP("Relais", "Moving away")},
         {QStringLiteral("price"), QT_TRANSLATE_NOOP("Relais", "Price")},
         {QStringLiteral("not_reading"), QT_TRANSLATE_NOOP("Relais", "No longer reads it")},
         {QStringLiteral("unpaid"), QT_TRANSLATE_NOOP("Relais", "Unpaid")},
         {QStringLiteral("death"), QT_TRANSLATE_NOOP("Relais", "Death")},
         {QStringLiteral("delivery"), QT_TRANSLATE_NOOP("Relais", "Delivery problems")},
         {QStringLiteral("other"), QT_TRANSLATE_NOOP("Relais", "Other")}};
    return reasons;
}
} // namespace

QStringList cancelReasonCodes()
{
    QStringList codes;
    for (const auto &[code, label] : cancelReasons())
        codes << code;
    return codes;
}

QString cancelReason(const QString &stored)
{
    for (const auto &[code, label] : cancelReasons())
        if (code == stored)
            return QCoreApplication::translate("Relais", label);
    return stored;
}

} // namespace Labels

QVariant SubscriptionTableModel::cell(const SubscriptionView &row, int column, int role) const
{
    const Subscription &s = row.subscription;
    if (role == IdRole)
        return s.meta.id;
    if (role == StatusRole)
        return int(row.status);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TitleColumn: return row.title;
    case OfferColumn: return row.offer;
    case StartColumn: return Labels::date(s.start);
    case EndColumn:
        // The last day delivered: the term's end, or the day before a cancellation (the status
        // column says it was cancelled).
        if (s.cancelDate.isValid())
            return Labels::date(s.cancelDate.addDays(-1));
        return s.end.isValid() ? Labels::date(s.end) : tr("open-ended");
    case CopiesColumn: return s.copies;
    case StatusColumn:
        if (s.cancelDate.isValid() && row.status != SubscriptionStatus::Cancelled)
            return tr("%1, cancelled from %2")
                .arg(Labels::status(row.status), Labels::date(s.cancelDate));
        if (s.cancelDate.isValid() && !s.cancelReason.isEmpty())
            return tr("%1 (%2)").arg(Labels::status(row.status),
                                     Labels::cancelReason(s.cancelReason));
        return Labels::status(row.status);
    case PayerColumn:
        if (!row.recipientName.isEmpty())
            return tr("pays for %1").arg(row.recipientName);
        return row.payerName.isEmpty() ? tr("the recipient") : row.payerName;
    default: return {};
    }
}

QString SubscriptionTableModel::header(int column) const
{
    switch (column) {
    case TitleColumn: return tr("Title");
    case OfferColumn: return tr("Offer");
    case StartColumn: return tr("Start");
    case EndColumn: return tr("End");
    case CopiesColumn: return tr("Copies");
    case StatusColumn: return tr("Status today");
    case PayerColumn: return tr("Payer");
    default: return {};
    }
}

QVariant DeliveryChangeTableModel::cell(const DeliveryChange &c, int column, int role) const
{
    if (role == IdRole)
        return c.meta.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case KindColumn: return Labels::changeKind(c.kind);
    case FromColumn: return Labels::date(c.from);
    case ToColumn: return Labels::date(c.to);
    case AddressColumn:
        if (c.kind != DeliveryChangeKind::TemporaryAddress)
            return {};
        return QStringList{c.address.line4, c.address.postalCode + u' ' + c.address.city}.join(
            QStringLiteral(", "));
    case CompensationColumn:
        if (c.kind != DeliveryChangeKind::Hold)
            return {};
        return c.compensation == HoldCompensation::ExtendEnd ? tr("end date pushed back")
                                                             : tr("none");
    default: return {};
    }
}

QString DeliveryChangeTableModel::header(int column) const
{
    switch (column) {
    case KindColumn: return tr("Kind");
    case FromColumn: return tr("From");
    case ToColumn: return tr("To");
    case AddressColumn: return tr("Address");
    case CompensationColumn: return tr("Missed issues");
    default: return {};
    }
}

QVariant ComplaintTableModel::cell(const Complaint &c, int column, int role) const
{
    if (role == IdRole)
        return c.meta.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case IssueColumn: return Labels::date(c.issueDate);
    case KindColumn: return Labels::complaintKind(c.kind);
    case CompensationColumn: return c.compensationIssues;
    case NoteColumn: return c.note;
    default: return {};
    }
}

QString ComplaintTableModel::header(int column) const
{
    switch (column) {
    case IssueColumn: return tr("Issue");
    case KindColumn: return tr("Complaint");
    case CompensationColumn: return tr("Issues added");
    case NoteColumn: return tr("Note");
    default: return {};
    }
}

namespace {
// A stored value as a clerk reads it: dates in the French order, flags as yes/no.
QString readable(const QString &field, const QVariant &value)
{
    const QString text = value.toString();
    if (field.endsWith(QStringLiteral("_date")) || field == u"from_date" || field == u"to_date") {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            return Labels::date(d);
    }
    if (field == u"kind") {
        if (const auto k = deliveryChangeKindFromCode(text))
            return Labels::changeKind(*k);
        if (const auto k = complaintKindFromCode(text))
            return Labels::complaintKind(*k);
    }
    if (field == u"compensation")
        return text == u"extend" ? QCoreApplication::translate("Relais", "end date pushed back")
                                 : QCoreApplication::translate("Relais", "none");
    if (field == u"cancel_reason")
        return Labels::cancelReason(text);
    if (field == u"auto_renew")
        return value.toInt() ? QCoreApplication::translate("Relais", "yes")
                             : QCoreApplication::translate("Relais", "no");
    return text;
}

// Columns a clerk never typed: keys and derived values say nothing in a timeline.
bool isInternal(const QString &field)
{
    return field.endsWith(QStringLiteral("_id")) || field == u"sort_key" || field == u"number"
           || field == u"consents";
}
} // namespace

QList<AuditLine> auditLines(const QList<AuditEntry> &entries)
{
    QList<AuditLine> out;
    for (const AuditEntry &e : entries) {
        const QVariantMap oldValues = fromJson(e.oldValues);
        const QVariantMap newValues = fromJson(e.newValues);
        AuditLine l;
        l.at = e.at;
        l.clerk = e.clerk;
        l.channel = e.channel;
        l.operation = e.operation;
        if (e.operation.endsWith(QStringLiteral(".create"))) {
            // A creation is one line: what was recorded, in a few words.
            // In the order of the forms, not the alphabet.
            static const QStringList order = {QStringLiteral("civility"),
                                              QStringLiteral("first_name"),
                                              QStringLiteral("last_name"),
                                              QStringLiteral("company"),
                                              QStringLiteral("kind"),
                                              QStringLiteral("from_date"),
                                              QStringLiteral("to_date"),
                                              QStringLiteral("line2"),
                                              QStringLiteral("line3"),
                                              QStringLiteral("line4"),
                                              QStringLiteral("line5"),
                                              QStringLiteral("postal_code"),
                                              QStringLiteral("city"),
                                              QStringLiteral("country"),
                                              QStringLiteral("insee_code"),
                                              QStringLiteral("email"),
                                              QStringLiteral("phone"),
                                              QStringLiteral("start_date"),
                                              QStringLiteral("end_date"),
                                              QStringLiteral("copies"),
                                              QStringLiteral("auto_renew"),
                                              QStringLiteral("issue_date"),
                                              QStringLiteral("compensation_issues"),
                                              QStringLiteral("compensation")};
            QStringList keys = newValues.keys();
            std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
                const auto rank = [](const QString &k) {
                    const qsizetype i = order.indexOf(k);
                    return i < 0 ? order.size() : i;
                };
                return rank(a) < rank(b);
            });
            QStringList parts;
            for (const QString &k : std::as_const(keys)) {
                const QString v = readable(k, newValues.value(k));
                if (!isInternal(k) && !v.isEmpty())
                    parts
                        << QCoreApplication::translate("Relais", "%1: %2").arg(Labels::field(k), v);
            }
            l.newValue = parts.join(QStringLiteral(", "));
            out << l;
            continue;
        }
        QStringList fields = newValues.keys();
        for (const QString &k : oldValues.keys())
            if (!fields.contains(k))
                fields << k;
        fields.removeIf(isInternal);
        if (fields.isEmpty())
            out << l;
        for (const QString &f : std::as_const(fields)) {
            l.field = f;
            l.oldValue = readable(f, oldValues.value(f));
            l.newValue = readable(f, newValues.value(f));
            out << l;
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const AuditLine &a, const AuditLine &b) { return a.at > b.at; });
    return out;
}

QVariant AuditTableModel::cell(const AuditLine &l, int column, int role) const
{
    if (role == Qt::ToolTipRole) {
        if (column == OldColumn || column == NewColumn)
            return column == OldColumn ? l.oldValue : l.newValue;
        if (column == WhenColumn)
            return QLocale().toString(l.at.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm:ss"));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case WhenColumn:
        return QLocale().toString(l.at.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm"));
    case ClerkColumn: return l.clerk;
    case ChannelColumn: return Labels::channel(l.channel);
    case OperationColumn: return Labels::operation(l.operation);
    case FieldColumn: return l.field.isEmpty() ? QString() : Labels::field(l.field);
    case OldColumn: return l.oldValue;
    case NewColumn: return l.newValue;
    default: return {};
    }
}

QString AuditTableModel::header(int column) const
{
    switch (column) {
    case WhenColumn: return tr("When");
    case ClerkColumn: return tr("Who");
    case ChannelColumn: return tr("Channel");
    case OperationColumn: return tr("What");
    case FieldColumn: return tr("Field");
    case OldColumn: return tr("Before");
    case NewColumn: return tr("After");
    default: return {};
    }
}

} // namespace Relais
