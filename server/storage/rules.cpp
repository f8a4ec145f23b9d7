#include "rules.h"

#include "domain.h"
#include "validation.h"

#include <QCoreApplication>

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
    return a;
}

void checkDate(Issues &issues, const QVariantMap &row, const char *column, bool required)
{
    if (isNull(row, column)) {
        need(issues, !required, column, "date.invalid", tr("A date is required (YYYY-MM-DD)."));
        return;
    }
    need(issues, date(row, column).isValid(), column, "date.invalid",
         tr("Not a date (YYYY-MM-DD)."));
}

} // namespace

Issues checkRow(const Protocol::Table &table, const QVariantMap &row)
{
    Issues issues;
    if (num(row, "deleted") != 0) {
        need(issues, num(row, "deleted") == 1, "deleted", "deleted.range", tr("deleted is 0 or 1."));
        return issues; // a tombstone only needs to exist
    }
    const QString &t = table.name;
    if (t == u"publication") {
        need(issues, !str(row, "code").trimmed().isEmpty() && str(row, "code").size() <= 16, "code",
             "code.format", tr("A title code has 1 to 16 characters."));
        need(issues, !str(row, "name").trimmed().isEmpty(), "name", "name.required", tr("A title needs a name."));
        need(issues, periodicityFromCode(str(row, "periodicity")).has_value(), "periodicity",
             "periodicity.unknown", tr("Unknown periodicity."));
        need(issues, !Weekdays::fromMask(int(num(row, "weekdays"))).isEmpty() && num(row, "weekdays") < 256,
             "weekdays", "weekdays.empty", tr("A title appears on at least one day of the week."));
        need(issues, QTime::fromString(str(row, "cutoff"), QStringLiteral("HH:mm")).isValid(), "cutoff",
             "cutoff.format", tr("The cut-off time is written HH:MM."));
    } else if (t == u"offer") {
        need(issues, !str(row, "code").trimmed().isEmpty() && str(row, "code").size() <= 24, "code",
             "code.format", tr("An offer code has 1 to 24 characters."));
        need(issues, num(row, "months") >= 1 && num(row, "months") <= 120, "months", "months.range",
             tr("An offer lasts 1 to 120 months."));
        need(issues, num(row, "price_cents") >= 0, "price_cents", "price.negative",
             tr("A price cannot be negative."));
        need(issues, channelFromCode(str(row, "channel")).has_value(), "channel", "channel.unknown",
             tr("Unknown channel."));
    } else if (t == u"subscriber") {
        need(issues, num(row, "number") > 0, "number", "number.range", tr("A subscriber number is positive."));
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
        checkDate(issues, row, "start_date", true);
        checkDate(issues, row, "end_date", false);
        checkDate(issues, row, "cancel_date", false);
        const QDate start = date(row, "start_date");
        const QDate end = date(row, "end_date");
        const QDate cancel = date(row, "cancel_date");
        if (start.isValid() && end.isValid())
            need(issues, end >= start, "end_date", "date.range", tr("The end date is before the start date."));
        if (start.isValid() && cancel.isValid())
            need(issues, cancel >= start, "cancel_date", "date.range",
                 tr("The cancellation date is before the subscription starts."));
        if (cancel.isValid())
            need(issues, !str(row, "cancel_reason").trimmed().isEmpty(), "cancel_reason", "reason.required",
                 tr("A cancellation needs a reason."));
        need(issues, num(row, "copies") >= 1 && num(row, "copies") <= 999, "copies", "copies.range",
             tr("Copies must be between 1 and 999."));
        need(issues, num(row, "auto_renew") == 0 || num(row, "auto_renew") == 1, "auto_renew",
             "auto_renew.range", tr("auto_renew is 0 or 1."));
    } else if (t == u"delivery_change") {
        const auto kind = deliveryChangeKindFromCode(str(row, "kind"));
        need(issues, kind.has_value(), "kind", "kind.unknown", tr("A delivery change is a hold or an address."));
        checkDate(issues, row, "from_date", true);
        checkDate(issues, row, "to_date", true);
        if (date(row, "from_date").isValid() && date(row, "to_date").isValid())
            issues << Validation::validateDateRange(date(row, "from_date"), date(row, "to_date"),
                                                    QStringLiteral("from_date"), QStringLiteral("to_date"));
        if (kind == DeliveryChangeKind::TemporaryAddress)
            issues << Validation::validateAddress(addressOf(row));
        need(issues, str(row, "compensation") == u"none" || str(row, "compensation") == u"extend",
             "compensation", "compensation.unknown", tr("Compensation is none or extend."));
    } else if (t == u"complaint") {
        checkDate(issues, row, "issue_date", true);
        need(issues, complaintKindFromCode(str(row, "kind")).has_value(), "kind", "kind.unknown",
             tr("Unknown complaint kind."));
        need(issues, num(row, "compensation_issues") >= 0 && num(row, "compensation_issues") <= 365,
             "compensation_issues", "compensation.range", tr("Compensation is 0 to 365 issues."));
    }
    return issues;
}

Issues checkOverlap(const QVariantMap &change, const QList<QVariantMap> &others)
{
    Issues issues;
    if (num(change, "deleted") != 0)
        return issues;
    const QDate from = date(change, "from_date");
    const QDate to = date(change, "to_date");
    for (const QVariantMap &other : others) {
        const QDate f = date(other, "from_date");
        const QDate t = date(other, "to_date");
        if (from <= t && f <= to)
            issues << Issue{QStringLiteral("from_date"), QStringLiteral("range.overlap"),
                            tr("These dates overlap %1 from %2 to %3 on the same subscription.")
                                .arg(str(other, "kind") == u"hold" ? tr("a hold") : tr("a holiday address"),
                                     Validation::displayDate(f), Validation::displayDate(t))};
    }
    return issues;
}

} // namespace Relais::Server::Rules
