#include "domain.h"

#include <QCoreApplication>
#include <QUuid>

namespace Relais {

std::optional<Weekdays> Weekdays::parse(const QString &text)
{
    int mask = 0;
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return std::nullopt;
    for (const QString &rawPart : parts) {
        const QString part = rawPart.trimmed();
        const QStringList bounds = part.split(u'-');
        if (bounds.size() > 2)
            return std::nullopt;
        bool okA = false, okB = true;
        const int a = bounds.at(0).trimmed().toInt(&okA);
        const int b = bounds.size() == 2 ? bounds.at(1).trimmed().toInt(&okB) : a;
        if (!okA || !okB || a < 1 || a > 7 || b < 1 || b > 7 || a > b)
            return std::nullopt;
        for (int d = a; d <= b; ++d)
            mask |= 1 << d;
    }
    return fromMask(mask);
}

int Weekdays::count() const
{
    int n = 0;
    for (int d = 1; d <= 7; ++d)
        n += contains(d) ? 1 : 0;
    return n;
}

QString Weekdays::toString() const
{
    QStringList runs;
    int d = 1;
    while (d <= 7) {
        if (!contains(d)) {
            ++d;
            continue;
        }
        int e = d;
        while (e + 1 <= 7 && contains(e + 1))
            ++e;
        runs << (e == d ? QString::number(d) : QString::number(d) + u'-' + QString::number(e));
        d = e + 1;
    }
    return runs.join(u',');
}

QDate Weekdays::nextIssueOnOrAfter(QDate d) const
{
    if (isEmpty() || !d.isValid())
        return {};
    for (int i = 0; i < 7; ++i) {
        const QDate c = d.addDays(i);
        if (contains(c))
            return c;
    }
    return {};
}

QDate addIssues(QDate from, int issues, Weekdays weekdays)
{
    if (weekdays.isEmpty() || !from.isValid())
        return from;
    QDate d = from;
    for (int n = 0; n < issues;) {
        d = d.addDays(1);
        if (weekdays.contains(d))
            ++n;
    }
    return d;
}

QDate moveByIssues(QDate end, int delta, Weekdays weekdays)
{
    if (delta >= 0)
        return addIssues(end, delta, weekdays);
    if (weekdays.isEmpty() || !end.isValid())
        return end;
    QDate d = end;
    for (int n = 0; n < -delta; d = d.addDays(-1))
        if (weekdays.contains(d))
            ++n;
    return d;
}

QString periodicityCode(Periodicity p)
{
    switch (p) {
    case Periodicity::Daily: return QStringLiteral("daily");
    case Periodicity::Weekly: return QStringLiteral("weekly");
    case Periodicity::Monthly: return QStringLiteral("monthly");
    }
    return {};
}

std::optional<Periodicity> periodicityFromCode(const QString &code)
{
    for (auto p : {Periodicity::Daily, Periodicity::Weekly, Periodicity::Monthly})
        if (periodicityCode(p) == code)
            return p;
    return std::nullopt;
}

QDate Publication::firstIssueReachedBy(const QDateTime &now) const
{
    // A change made before the cut-off reaches the next day's labels; after it, the day after.
    // The cut-off is a wall-clock time at the desk; changes are stamped in UTC.
    const QDateTime local = now.toLocalTime();
    const QDate today = local.date();
    const QDate earliest = local.time() < cutoff ? today.addDays(1) : today.addDays(2);
    return weekdays.nextIssueOnOrAfter(earliest);
}

QString channelCode(Channel c)
{
    switch (c) {
    case Channel::Print: return QStringLiteral("print");
    case Channel::Digital: return QStringLiteral("digital");
    case Channel::Both: return QStringLiteral("both");
    }
    return {};
}

std::optional<Channel> channelFromCode(const QString &code)
{
    for (auto c : {Channel::Print, Channel::Digital, Channel::Both})
        if (channelCode(c) == code)
            return c;
    return std::nullopt;
}

bool Address::isFrance() const
{
    const QString c = country.trimmed().toUpper();
    return c.isEmpty() || c == u"FRANCE" || c == u"FR";
}

QString Subscriber::line1() const
{
    QStringList parts;
    for (const QString &p : {civility, firstName, lastName})
        if (!p.trimmed().isEmpty())
            parts << p.trimmed();
    if (parts.isEmpty() || (civility.trimmed() == parts.join(u' ')))
        return company.trimmed();
    return parts.join(u' ');
}

QString Subscriber::displayName() const
{
    const QString name = QStringList{lastName.trimmed(), firstName.trimmed()}.join(u' ').trimmed();
    if (name.isEmpty())
        return company.trimmed();
    return company.trimmed().isEmpty() ? name
                                       : name + QStringLiteral(" (") + company.trimmed() + u')';
}

QString statusCode(SubscriptionStatus s)
{
    switch (s) {
    case SubscriptionStatus::Pending: return QStringLiteral("pending");
    case SubscriptionStatus::Active: return QStringLiteral("active");
    case SubscriptionStatus::Suspended: return QStringLiteral("suspended");
    case SubscriptionStatus::Cancelled: return QStringLiteral("cancelled");
    case SubscriptionStatus::Expired: return QStringLiteral("expired");
    }
    return {};
}

SubscriptionStatus subscriptionStatusOn(const Subscription &s, QDate day,
                                        const QList<DeliveryChange> &changes)
{
    if (s.cancelDate.isValid() && day >= s.cancelDate)
        return SubscriptionStatus::Cancelled;
    if (!s.start.isValid() || day < s.start)
        return SubscriptionStatus::Pending;
    if (s.end.isValid() && day > s.end)
        return SubscriptionStatus::Expired;
    for (const DeliveryChange &c : changes)
        if (!c.meta.deleted && c.kind == DeliveryChangeKind::Hold && c.covers(day))
            return SubscriptionStatus::Suspended;
    return SubscriptionStatus::Active;
}

QString deliveryChangeKindCode(DeliveryChangeKind k)
{
    return k == DeliveryChangeKind::Hold ? QStringLiteral("hold") : QStringLiteral("address");
}

std::optional<DeliveryChangeKind> deliveryChangeKindFromCode(const QString &code)
{
    if (code == u"hold")
        return DeliveryChangeKind::Hold;
    if (code == u"address")
        return DeliveryChangeKind::TemporaryAddress;
    return std::nullopt;
}

QString complaintKindCode(ComplaintKind k)
{
    return k == ComplaintKind::NotReceived ? QStringLiteral("not_received")
                                           : QStringLiteral("damaged");
}

std::optional<ComplaintKind> complaintKindFromCode(const QString &code)
{
    if (code == u"not_received")
        return ComplaintKind::NotReceived;
    if (code == u"damaged")
        return ComplaintKind::Damaged;
    return std::nullopt;
}

QString contactChannelCode(ContactChannel c)
{
    switch (c) {
    case ContactChannel::Letter: return QStringLiteral("letter");
    case ContactChannel::Phone: return QStringLiteral("phone");
    case ContactChannel::Email: return QStringLiteral("email");
    case ContactChannel::Counter: return QStringLiteral("counter");
    case ContactChannel::Web: return QStringLiteral("web");
    case ContactChannel::Desk: return QStringLiteral("desk");
    }
    return {};
}

std::optional<ContactChannel> contactChannelFromCode(const QString &code)
{
    for (auto c : {ContactChannel::Letter, ContactChannel::Phone, ContactChannel::Email,
                   ContactChannel::Counter, ContactChannel::Web, ContactChannel::Desk})
        if (contactChannelCode(c) == code)
            return c;
    return std::nullopt;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace Relais
