#include "deskqueries.h"

#include "database.h"
#include "search.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace Relais {

namespace {

QString displayName(const QString &first, const QString &last, const QString &company)
{
    Subscriber s;
    s.firstName = first;
    s.lastName = last;
    s.company = company;
    return s.displayName();
}

// Columns read by readRow(), in that order.
const char *const
    kRowColumns = "seq, id, number, first_name, last_name, company, line4, postal_code, city";

SubscriberRow readRow(const QSqlQuery &q)
{
    SubscriberRow r;
    r.seq = q.value(0).toLongLong();
    r.id = q.value(1).toString();
    r.number = q.value(2).toLongLong();
    r.name = displayName(q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
    r.line4 = q.value(6).toString();
    r.postalCode = q.value(7).toString();
    r.city = q.value(8).toString();
    return r;
}

QString iso(QDate d)
{
    return d.toString(Qt::ISODate);
}

} // namespace

Result<DeskQueries::Count> DeskQueries::countSubscribers()
{
    Count c;
    QSqlQuery q(m_db);
    // Both counts run on indexes: the whole table's smallest, and subscriber_live (deleted = 0).
    if (!q.exec(QStringLiteral("SELECT count(*) FROM subscriber")) || !q.next())
        return storageError(QStringLiteral("count"), q.lastError().text());
    const qint64 all = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM subscriber WHERE deleted = 0")) || !q.next())
        return storageError(QStringLiteral("count"), q.lastError().text());
    c.live = q.value(0).toLongLong();
    c.tombstones = all - c.live;
    return c;
}

Result<QList<SubscriberRow>> DeskQueries::subscriberPage(qint64 offset, int limit, Count count)
{
    QList<SubscriberRow> rows;
    const qint64 total = count.live;
    if (limit <= 0 || offset < 0 || offset >= total)
        return rows;
    const qint64 end = qMin(total, offset + limit);
    const int wanted = int(end - offset);
    // OFFSET walks the index from its start; past the middle, walking from the end is shorter.
    const bool backwards = offset > total / 2;
    const qint64 skip = backwards ? total - end : offset;
    const QString order = backwards ? QStringLiteral("sort_key DESC, number DESC")
                                    : QStringLiteral("sort_key, number");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The partial index subscriber_live holds (sort_key, number, seq) of live rows only: OFFSET
    // walks it alone, tombstones or not.
    q.prepare(
        QStringLiteral("SELECT seq FROM subscriber WHERE deleted = 0 ORDER BY %1 LIMIT ? OFFSET ?")
            .arg(order));
    q.addBindValue(wanted);
    q.addBindValue(skip);
    if (!q.exec())
        return storageError(QStringLiteral("page"), q.lastError().text());
    QList<qint64> seqs;
    while (q.next())
        seqs << q.value(0).toLongLong();
    if (backwards)
        std::reverse(seqs.begin(), seqs.end());
    return subscribersBySeq(seqs);
}

Result<SearchMatches> DeskQueries::search(const QString &text, int maxRanked, int maxRows)
{
    return SubscriberSearch(m_db).matches(text, maxRows, maxRanked);
}

Result<QList<SubscriberRow>> DeskQueries::subscribersBySeq(const QList<qint64> &seqs)
{
    QList<SubscriberRow> out;
    if (seqs.isEmpty())
        return out;
    QStringList marks;
    marks.fill(QStringLiteral("?"), seqs.size());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM subscriber WHERE deleted = 0 AND seq IN (%2)")
                  .arg(QLatin1StringView(kRowColumns), marks.join(u',')));
    for (qint64 s : seqs)
        q.addBindValue(s);
    if (!q.exec())
        return storageError(QStringLiteral("rows"), q.lastError().text());
    QHash<qint64, SubscriberRow> bySeq;
    while (q.next()) {
        SubscriberRow r = readRow(q);
        bySeq.insert(r.seq, r);
    }
    for (qint64 s : seqs)
        if (auto it = bySeq.constFind(s); it != bySeq.cend())
            out << *it;
    return out;
}

Result<qint64> DeskQueries::seqOfId(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq FROM subscriber WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return storageError(QStringLiteral("seq"), q.lastError().text());
    return q.next() ? q.value(0).toLongLong() : qint64(-1);
}

Result<qint64> DeskQueries::positionOf(qint64 seq)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM subscriber t, "
                             "(SELECT sort_key AS k, number AS n FROM subscriber WHERE seq = ? "
                             "AND deleted = 0) me WHERE t.deleted = 0 AND "
                             "(t.sort_key < me.k OR (t.sort_key = me.k AND t.number < me.n))"));
    q.addBindValue(seq);
    if (!q.exec() || !q.next())
        return storageError(QStringLiteral("position"), q.lastError().text());
    QSqlQuery exists(m_db);
    exists.prepare(QStringLiteral("SELECT 1 FROM subscriber WHERE seq = ? AND deleted = 0"));
    exists.addBindValue(seq);
    if (!exists.exec() || !exists.next())
        return qint64(-1);
    return q.value(0).toLongLong();
}

Result<QList<ExpiringRow>> DeskQueries::expiringBetween(QDate from, int days, int limit)
{
    QList<ExpiringRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT s.id, r.seq, r.number, r.first_name, r.last_name, r.company, p.name, o.label, "
        "s.end_date, s.auto_renew FROM subscription s "
        "JOIN subscriber r ON r.id = s.recipient_id "
        "JOIN publication p ON p.id = s.publication_id JOIN offer o ON o.id = s.offer_id "
        "WHERE s.end_date BETWEEN ? AND ? AND s.deleted = 0 AND s.cancel_date IS NULL "
        "ORDER BY s.end_date, r.sort_key LIMIT ?"));
    q.addBindValue(iso(from));
    q.addBindValue(iso(from.addDays(days)));
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(QStringLiteral("expiring"), q.lastError().text());
    while (q.next()) {
        ExpiringRow r;
        r.subscriptionId = q.value(0).toString();
        r.subscriberSeq = q.value(1).toLongLong();
        r.number = q.value(2).toLongLong();
        r.name = displayName(q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
        r.title = q.value(6).toString();
        r.offer = q.value(7).toString();
        r.end = QDate::fromString(q.value(8).toString(), Qt::ISODate);
        r.autoRenew = q.value(9).toBool();
        out << r;
    }
    return out;
}

Result<QList<ChangeStartRow>> DeskQueries::changesStartingOn(QDate day, int limit)
{
    QList<ChangeStartRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT c.id, r.seq, r.number, r.first_name, r.last_name, r.company, p.name, c.kind, "
        "c.from_date, c.to_date FROM delivery_change c "
        "JOIN subscription s ON s.id = c.subscription_id "
        "JOIN subscriber r ON r.id = s.recipient_id JOIN publication p ON p.id = s.publication_id "
        "WHERE c.from_date = ? AND c.deleted = 0 AND s.deleted = 0 "
        "ORDER BY c.kind, r.sort_key LIMIT ?"));
    q.addBindValue(iso(day));
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(QStringLiteral("changes"), q.lastError().text());
    while (q.next()) {
        ChangeStartRow r;
        r.changeId = q.value(0).toString();
        r.subscriberSeq = q.value(1).toLongLong();
        r.number = q.value(2).toLongLong();
        r.name = displayName(q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
        r.title = q.value(6).toString();
        r.kind = deliveryChangeKindFromCode(q.value(7).toString())
                     .value_or(DeliveryChangeKind::Hold);
        r.from = QDate::fromString(q.value(8).toString(), Qt::ISODate);
        r.to = QDate::fromString(q.value(9).toString(), Qt::ISODate);
        out << r;
    }
    return out;
}

Result<Overview> DeskQueries::overview(QDate day, int weeks)
{
    Overview o;
    o.day = day;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT p.code, p.name, (SELECT count(DISTINCT s.recipient_id) FROM subscription s "
        "WHERE s.publication_id = p.id AND s.deleted = 0 AND s.start_date <= :d "
        "AND (s.end_date IS NULL OR s.end_date >= :d) AND (s.cancel_date IS NULL OR s.cancel_date "
        "> :d)) "
        "FROM publication p WHERE p.deleted = 0 ORDER BY p.code"));
    q.bindValue(QStringLiteral(":d"), iso(day));
    if (!q.exec())
        return storageError(QStringLiteral("overview"), q.lastError().text());
    while (q.next())
        o.titles << TitleCount{q.value(0).toString(), q.value(1).toString(),
                               q.value(2).toLongLong()};

    const QDate firstMonday = day.addDays(1 - day.dayOfWeek()).addDays(-7 * (weeks - 1));
    const QDate lastDay = firstMonday.addDays(7 * weeks - 1);
    for (int w = 0; w < weeks; ++w)
        o.weeks << WeekFlow{firstMonday.addDays(7 * w), 0, 0};
    // Starts by start date; stops on the first day not delivered: the cancellation date, or the
    // day after the end of a term that was not cancelled.
    const QString starts = QStringLiteral(
        "SELECT CAST((julianday(start_date) - julianday(:a)) / 7 AS INTEGER), count(*) "
        "FROM subscription WHERE deleted = 0 AND start_date BETWEEN :a AND :b GROUP BY 1");
    const QString cancels = QStringLiteral(
        "SELECT CAST((julianday(cancel_date) - julianday(:a)) / 7 AS INTEGER), count(*) "
        "FROM subscription WHERE deleted = 0 AND cancel_date BETWEEN :a AND :b GROUP BY 1");
    const QString expiries = QStringLiteral(
        "SELECT CAST((julianday(end_date) + 1 - julianday(:a)) / 7 AS INTEGER), count(*) "
        "FROM subscription WHERE deleted = 0 AND cancel_date IS NULL "
        "AND end_date BETWEEN date(:a, '-1 day') AND date(:b, '-1 day') GROUP BY 1");
    const std::pair<QString, bool> queries[] = {{starts, true},
                                                {cancels, false},
                                                {expiries, false}};
    for (const auto &[sql, isStart] : queries) {
        q.prepare(sql);
        q.bindValue(QStringLiteral(":a"), iso(firstMonday));
        q.bindValue(QStringLiteral(":b"), iso(lastDay));
        if (!q.exec())
            return storageError(QStringLiteral("overview"), q.lastError().text());
        while (q.next()) {
            const int w = q.value(0).toInt();
            if (w < 0 || w >= weeks)
                continue;
            if (isStart)
                o.weeks[w].starts += q.value(1).toLongLong();
            else
                o.weeks[w].stops += q.value(1).toLongLong();
        }
    }
    return o;
}

} // namespace Relais
