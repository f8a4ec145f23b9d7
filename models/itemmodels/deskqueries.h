#pragma once
// The read queries behind the desk's lists: the paged subscriber list, worklists and the overview.
// Every ORDER BY runs on an index (subscriber_sort, subscription_end, delivery_change_from); values
// are always bound. Run them in a StoreWorker: some scan a million rows.

#include "domain.h"
#include "result.h"
#include "search.h"

#include <QList>
#include <QSqlDatabase>

namespace Relais {

struct SubscriberRow
{
    qint64 seq = 0;
    QString id;
    qint64 number = 0;
    QString name; // Subscriber::displayName()
    QString line4;
    QString postalCode;
    QString city;
};

struct ExpiringRow
{
    QString subscriptionId;
    qint64 subscriberSeq = 0;
    qint64 number = 0;
    QString name;
    QString title;
    QString offer;
    QDate end;
    bool autoRenew = false;
};

struct ChangeStartRow
{
    QString changeId;
    qint64 subscriberSeq = 0;
    qint64 number = 0;
    QString name;
    QString title;
    DeliveryChangeKind kind = DeliveryChangeKind::Hold;
    QDate from;
    QDate to;
};

struct TitleCount
{
    QString code;
    QString name;
    qint64 activeSubscribers = 0;
};

struct WeekFlow
{
    QDate weekStart; // a Monday
    qint64 starts = 0;
    qint64 stops = 0;
};

struct Overview
{
    QDate day;
    QList<TitleCount> titles;
    QList<WeekFlow> weeks; // oldest first
};

class DeskQueries final
{
public:
    explicit DeskQueries(QSqlDatabase db) : m_db(std::move(db)) {}

    // SubscriberSearch::matches, on this connection.
    Result<SearchMatches> search(const QString &text, int maxRanked, int maxRows);

    // Subscribers not deleted, and whether tombstones (erased subscribers) exist.
    struct Count
    {
        qint64 live = 0;
        qint64 tombstones = 0;
    };
    Result<Count> countSubscribers();
    // Rows [offset, offset + limit) in (sort_key, number) order among `count.live` rows.
    // OFFSET walks the index: without tombstones it walks subscriber_sort alone (covering, about
    // 30 ms for half a million entries) and past the middle it walks from the end, so any jump
    // stays fast. With tombstones every skipped row must be read to test `deleted`, which is
    // correct but slow in the middle of a big table (a partial index WHERE deleted = 0 would fix it).
    Result<QList<SubscriberRow>> subscriberPage(qint64 offset, int limit, Count count);
    // The rows with these local keys, in the order given (missing ones are left out).
    Result<QList<SubscriberRow>> subscribersBySeq(const QList<qint64> &seqs);
    // The local key of a subscriber id, or -1.
    Result<qint64> seqOfId(const QString &id);
    // The position of a subscriber in the (sort_key, number) order, or -1.
    Result<qint64> positionOf(qint64 seq);

    // Subscriptions not cancelled whose term ends between `from` and `from + days` (inclusive).
    Result<QList<ExpiringRow>> expiringBetween(QDate from, int days, int limit = 10000);
    // Holds and holiday addresses whose first day is `day`.
    Result<QList<ChangeStartRow>> changesStartingOn(QDate day, int limit = 10000);
    // Active subscribers per title on `day`; starts and stops per week over the `weeks` weeks
    // ending with the week of `day`.
    Result<Overview> overview(QDate day, int weeks = 12);

private:
    QSqlDatabase m_db;
};

} // namespace Relais
