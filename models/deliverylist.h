#pragma once
// The delivery list of an issue: the subscriptions of publication P active on date D and not held
// on D, each with the holiday address covering D if any, else the recipient's address; copies
// counted. Ranges are inclusive at both ends; a subscription cancelled at C is delivered up to C-1.
// D must be an issue day of P. Sorted by postal code then name (press presort).

#include "domain.h"
#include "result.h"

#include <QSqlDatabase>

#include <QHash>

#include <functional>

namespace Relais {

struct DeliveryLine
{
    QString subscriptionId;
    QString subscriberId;
    qint64 number = 0;
    QString civility;
    QString firstName;
    QString lastName;
    QString company;
    Address address;
    bool temporaryAddress = false;
    int copies = 1;
    QString payerId;
    qint64 payerNumber = 0;
    QString offerCode;
    QDate start;
    QDate end;

    Subscriber recipient() const; // the name and address as a Subscriber, for line 1 and checks
};

struct DeliverySummary
{
    qint64 lines = 0;
    qint64 copies = 0;
};

class DeliveryListQuery final
{
public:
    explicit DeliveryListQuery(QSqlDatabase db) : m_db(std::move(db)) {}

    // Streams the lines in presort order; `sink` returns false to stop early (cancel).
    Result<DeliverySummary> forEach(const Publication &publication, QDate date,
                                    const std::function<bool(const DeliveryLine &)> &sink);
    Result<QList<DeliveryLine>> lines(const Publication &publication, QDate date);

    // The SQL it runs (own addresses, holiday addresses), with ?1 the publication id and ?2 the
    // issue date, for benchmarks.
    static const QStringList &statements();

    // An Invalid error when `date` is not an issue day of `publication`.
    static Status checkIssueDay(const Publication &publication, QDate date);

    // For the issue report: the title's holds and holiday addresses in force on `date`, and the
    // complaints about its issue of `complaintsIssue` by kind code ("not_received", "damaged").
    struct IssueEvents
    {
        qint64 holds = 0;
        qint64 holidayAddresses = 0;
        QHash<QString, qint64> complaints;
    };
    Result<IssueEvents> issueEvents(const Publication &publication, QDate date,
                                    QDate complaintsIssue);

private:
    QSqlDatabase m_db;
};

} // namespace Relais
