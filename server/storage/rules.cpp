#include "rules.h"

#include "domain.h"
#include "recordvalidation.h"
#include "validation.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace Relais::Server::Rules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Server::Rules", text);
}

QString str(const QVariantMap &row, const char *column)
{
    return row.value(QString::fromLatin1(column)).toString();
}

qint64 num(const QVariantMap &row, const char *column)
{
    return row.value(QString::fromLatin1(column)).toLongLong();
}

// A count for a domain field of type int: out of range stays out of range.
int count(const QVariantMap &row, const char *column)
{
    constexpr qint64 lowest = std::numeric_limits<int>::min();
    constexpr qint64 highest = std::numeric_limits<int>::max();
    return int(std::clamp(num(row, column), lowest, highest));
}

QDate date(const QVariantMap &row, const char *column)
{
    const QVariant v = row.value(QString::fromLatin1(column));
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

bool isNull(const QVariantMap &row, const char *column)
{
    const QVariant v = row.value(QString::fromLatin1(column));
    return !v.isValid() || v.isNull();
}

void need(Issues &issues, bool ok, const char *field, const char *rule, const QString &message)
{
    if (!ok)
        issues << Issue{QString::fromLatin1(field), QString::fromLatin1(rule), message};
}

Address addressOf(const QVariantMap &row)
{
    Address a;
    a.line2 = str(row, "line2");
    a.line3 = str(row, "line3");
    a.line4 = str(row, "line4");
    a.line5 = str(row, "line5");
    a.postalCode = str(row, "postal_code");
    a.city = str(row, "city");
    a.country = str(row, "country");
    a.inseeCode = str(row, "insee_code"); // subscribers only; a holiday address has none
    return a;
}

// An optional date the shared rules read as absent when it is not a date: written, it must be one.
void checkOptionalDate(Issues &issues, const QVariantMap &row, const char *column)
{
    if (!isNull(row, column))
        need(issues, date(row, column).isValid(), column, "date.invalid",
             tr("Not a date (YYYY-MM-DD)."));
}

DeliveryChange deliveryChangeOf(const QVariantMap &row)
{
    DeliveryChange c;
    c.kind = str(row, "kind") == u"hold" ? DeliveryChangeKind::Hold
                                         : DeliveryChangeKind::TemporaryAddress;
    c.from = date(row, "from_date");
    c.to = date(row, "to_date");
    return c;
}

} // namespace

Issues checkRow(const Protocol::Table &table, const QVariantMap &row)
{
    Issues issues;
    if (num(row, "deleted") != 0) {
        need(issues, num(row, "deleted") == 1, "deleted", "deleted.range",
             tr("deleted is 0 or 1."));
        return issues; // a tombstone only needs to exist
    }
    const QString &t = table.name;
    if (t == u"publication") {
        Publication p;
        p.code = str(row, "code");
        p.name = str(row, "name");
        // A mask beyond the seven days' bits is no week at all.
        p.weekdays = num(row, "weekdays") < 256 ? Weekdays::fromMask(int(num(row, "weekdays")))
                                                : Weekdays();
        p.cutoff = QTime::fromString(str(row, "cutoff"), QStringLiteral("HH:mm"));
        issues << Validation::validatePublication(p);
        need(issues, periodicityFromCode(str(row, "periodicity")).has_value(), "periodicity",
             "periodicity.unknown", tr("Unknown periodicity."));
    } else if (t == u"offer") {
        Offer o;
        o.code = str(row, "code");
        o.months = count(row, "months");
        o.priceCents = num(row, "price_cents");
        issues << Validation::validateOffer(o);
        need(issues, channelFromCode(str(row, "channel")).has_value(), "channel", "channel.unknown",
             tr("Unknown channel."));
    } else if (t == u"subscriber") {
        need(issues, num(row, "number") > 0, "number", "number.range",
             tr("A subscriber number is positive."));
        Subscriber s;
        s.civility = str(row, "civility");
        s.firstName = str(row, "first_name");
        s.lastName = str(row, "last_name");
        s.company = str(row, "company");
        s.address = addressOf(row);
        s.email = str(row, "email");
        s.phone = str(row, "phone");
        issues << Validation::validateSubscriber(s);
    } else if (t == u"subscription") {
        Subscription s;
        s.start = date(row, "start_date");
        s.end = date(row, "end_date");
        s.copies = count(row, "copies");
        issues << Validation::validateSubscription(s);
        checkOptionalDate(issues, row, "end_date");
        checkOptionalDate(issues, row, "cancel_date");
        // A cancel date makes the row a cancellation (null: not cancelled).
        if (const QDate cancel = date(row, "cancel_date"); cancel.isValid())
            issues << Validation::validateCancellation(s.start, cancel, str(row, "cancel_reason"));
        need(issues, num(row, "auto_renew") == 0 || num(row, "auto_renew") == 1, "auto_renew",
             "auto_renew.range", tr("auto_renew is 0 or 1."));
    } else if (t == u"delivery_change") {
        const auto kind = deliveryChangeKindFromCode(str(row, "kind"));
        need(issues, kind.has_value(), "kind", "kind.unknown",
             tr("A delivery change is a hold or an address."));
        issues << Validation::validateDateRange(date(row, "from_date"), date(row, "to_date"),
                                                QStringLiteral("from_date"),
                                                QStringLiteral("to_date"));
        if (kind == DeliveryChangeKind::TemporaryAddress)
            issues << Validation::validateAddress(addressOf(row));
        need(issues, str(row, "compensation") == u"none" || str(row, "compensation") == u"extend",
             "compensation", "compensation.unknown", tr("Compensation is none or extend."));
    } else if (t == u"complaint") {
        Complaint c;
        c.issueDate = date(row, "issue_date");
        c.compensationIssues = count(row, "compensation_issues");
        issues << Validation::validateComplaint(c);
        need(issues, complaintKindFromCode(str(row, "kind")).has_value(), "kind", "kind.unknown",
             tr("Unknown complaint kind."));
    }
    return issues;
}

Issues checkOverlap(const QVariantMap &change, const QList<QVariantMap> &others)
{
    Issues issues;
    if (num(change, "deleted") != 0)
        return issues;
    QList<DeliveryChange> live;
    for (const QVariantMap &other : others)
        live << deliveryChangeOf(other);
    return Validation::validateNoOverlap(deliveryChangeOf(change), live,
                                         QStringLiteral("from_date"));
}

} // namespace Relais::Server::Rules
