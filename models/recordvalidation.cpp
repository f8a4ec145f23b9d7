#include "recordvalidation.h"

#include "validation.h"

#include <QCoreApplication>

namespace Relais::Validation {

namespace {

// The context of every shared rule (validation.cpp's too): one French for desk and server.
QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Validation", text);
}

void need(Issues &issues, bool ok, const QString &field, const char *rule, const QString &message)
{
    if (!ok)
        issues << Issue{field, QString::fromLatin1(rule), message};
}

} // namespace

Issues validatePublication(const Publication &p)
{
    Issues issues;
    need(issues, !p.code.trimmed().isEmpty() && p.code.size() <= 16, QStringLiteral("code"),
         "code.format", tr("A title code has 1 to 16 characters."));
    need(issues, !p.name.trimmed().isEmpty(), QStringLiteral("name"), "name.required",
         tr("A title needs a name."));
    need(issues, !p.weekdays.isEmpty(), QStringLiteral("weekdays"), "weekdays.empty",
         tr("A title appears on at least one day of the week."));
    need(issues, p.cutoff.isValid(), QStringLiteral("cutoff"), "cutoff.format",
         tr("The cut-off time is written HH:MM."));
    return issues;
}

Issues validateOffer(const Offer &o)
{
    Issues issues;
    need(issues, !o.code.trimmed().isEmpty() && o.code.size() <= 24, QStringLiteral("code"),
         "code.format", tr("An offer code has 1 to 24 characters."));
    need(issues, o.months >= 1 && o.months <= 120, QStringLiteral("months"), "months.range",
         tr("An offer lasts 1 to 120 months."));
    need(issues, o.priceCents >= 0, QStringLiteral("price_cents"), "price.negative",
         tr("A price cannot be negative."));
    return issues;
}

Issues validateSubscription(const Subscription &s, const SubscriptionFields &fields)
{
    Issues issues;
    need(issues, s.start.isValid(), fields.start, "date.invalid",
         tr("The start date is missing or not a date (YYYY-MM-DD)."));
    need(issues, s.copies >= 1 && s.copies <= 999, QStringLiteral("copies"), "copies.range",
         tr("Copies must be between 1 and 999."));
    if (s.start.isValid() && s.end.isValid())
        need(issues, s.end >= s.start, fields.end, "date.range",
             tr("The end date %1 is before the start date %2.")
                 .arg(displayDate(s.end), displayDate(s.start)));
    return issues;
}

Issues validateCancellation(QDate start, QDate date, const QString &reason,
                            const SubscriptionFields &fields)
{
    Issues issues;
    need(issues, date.isValid(), fields.cancelDate, "date.invalid",
         tr("The cancellation date is missing or not a date (YYYY-MM-DD)."));
    need(issues, !reason.trimmed().isEmpty(), fields.cancelReason, "reason.required",
         tr("A cancellation needs a reason."));
    if (date.isValid() && start.isValid())
        need(issues, date >= start, fields.cancelDate, "date.range",
             tr("The cancellation date is before the subscription starts (%1).")
                 .arg(displayDate(start)));
    return issues;
}

Issues validateComplaint(const Complaint &c)
{
    Issues issues;
    need(issues, c.issueDate.isValid(), QStringLiteral("issue_date"), "date.invalid",
         tr("The issue date is missing or not a date (YYYY-MM-DD)."));
    need(issues, c.compensationIssues >= 0 && c.compensationIssues <= 365,
         QStringLiteral("compensation_issues"), "compensation.range",
         tr("Compensation is 0 to 365 issues."));
    return issues;
}

Issues validateNoOverlap(const DeliveryChange &change, const QList<DeliveryChange> &others,
                         const QString &fromField)
{
    Issues issues;
    for (const DeliveryChange &other : others) {
        if (change.from <= other.to && other.from <= change.to) {
            const QString what = other.kind == DeliveryChangeKind::Hold ? tr("a hold")
                                                                        : tr("a holiday address");
            issues << Issue{fromField, QStringLiteral("range.overlap"),
                            tr("These dates overlap %1 from %2 to %3 on the same subscription.")
                                .arg(what, displayDate(other.from), displayDate(other.to))};
        }
    }
    return issues;
}

} // namespace Relais::Validation
