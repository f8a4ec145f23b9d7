// The desks at a glance (docs/api.md, "POST sync/desk-status" and "GET admin/desks"): each desk's
// latest report, the times of its last push and pull, and which desks are late — silent with
// changes queued since before the last cut-off of one of the publisher's titles.

#include "sqlserverstore_p.h"

#include "domain.h"

#include <QSqlError>
#include <QTimeZone>

namespace Relais::Server {

using namespace Protocol;
using detail::isoUtc;
using detail::tr;

namespace {

QDateTime lastCutoff(const QList<std::pair<QTime, int>> &titles, const QDateTime &now)
{
    // A title's cut-off on day D decides what reaches the issue of D + 1 (Publication::
    // firstIssueReachedBy): it counts on the days before an issue day. Local time of the server,
    // as a desk reads the cut-off in its own.
    const QDateTime local = now.toLocalTime();
    QDateTime best;
    for (const auto &[cutoff, mask] : titles) {
        const Weekdays days = Weekdays::fromMask(mask);
        if (!cutoff.isValid() || days.isEmpty())
            continue;
        for (int back = 0; back <= 7; ++back) {
            const QDate d = local.date().addDays(-back);
            if (!days.contains(d.addDays(1)))
                continue;
            const QDateTime at(d, cutoff, QTimeZone::systemTimeZone());
            if (at <= local) {
                if (!best.isValid() || at > best)
                    best = at;
                break;
            }
        }
    }
    return best.isValid() ? best.toUTC() : QDateTime();
}

bool deskIsLate(const DeskLine &d, const QString &cutoffIso)
{
    if (cutoffIso.isEmpty())
        return false;
    const bool pushedSince = !d.lastPushAt.isEmpty() && d.lastPushAt >= cutoffIso;
    if (d.reportedAt.isEmpty()) {
        // Never reported: what it holds is unknown. Registered before the cut-off and silent since
        // (no push, no pull): it may hold changes that miss that issue.
        const bool pulledSince = !d.lastPullAt.isEmpty() && d.lastPullAt >= cutoffIso;
        return !d.registeredAt.isEmpty() && d.registeredAt < cutoffIso && !pushedSince
               && !pulledSince;
    }
    // Changes queued before the cut-off, and nothing pushed since it: they miss that issue.
    return d.queueDepth.value_or(0) > 0 && !d.oldestQueuedAt.isEmpty()
           && d.oldestQueuedAt < cutoffIso && !pushedSince;
}

} // namespace

Status SqlServerStore::reportDesk(const Caller &caller, const DeskReport &report,
                                  const QDateTime &receivedAt)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    // A desk id belongs to the publisher that first used it, as for a push or a lease.
    if (Status
            s = exec(QStringLiteral(
                         "INSERT INTO desks (id, owner_id, last_seq, registered_at, registered_by) "
                         "VALUES (?, ?, 0, ?, ?) ON CONFLICT (id) DO NOTHING"),
                     {report.deskId, caller.publisherId, isoUtc(receivedAt), caller.userName});
        !s)
        return s;
    // Times sent by the desk are stored as the server writes its own (fixed width, UTC), so that
    // they compare as text with the cut-off.
    const auto utc = [](const QString &iso) -> QVariant {
        if (iso.isEmpty())
            return QVariant();
        return isoUtc(QDateTime::fromString(iso, Qt::ISODateWithMs));
    };
    const QDateTime deskTime = QDateTime::fromString(report.deskTime, Qt::ISODateWithMs);
    const qint64 skew = qRound64(double(receivedAt.msecsTo(deskTime)) / 1000.0);
    auto q = run(QStringLiteral(
                     "UPDATE desks SET reported_at = ?, reported_by = ?, queue_depth = ?, "
                     "oldest_queued_at = ?, epoch_seen = ?, numbers_left = ?, app_version = ?, "
                     "clock_skew_seconds = ?, host = ? WHERE id = ? AND owner_id = ?"),
                 {isoUtc(receivedAt), caller.userName, report.queueDepth,
                  utc(report.oldestQueuedAt),
                  report.epoch.isEmpty() ? QVariant() : QVariant(report.epoch),
                  report.numbersLeft ? QVariant(*report.numbersLeft) : QVariant(),
                  report.appVersion, skew,
                  report.host.isEmpty() ? QVariant() : QVariant(report.host), report.deskId,
                  caller.publisherId});
    if (!q)
        return q.error();
    const int changed = (*q)->numRowsAffected();
    (*q)->finish();
    if (changed != 1)
        return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::DeskForbidden),
                           tr("This desk belongs to another publisher."));
    return tx.commit();
}

void SqlServerStore::noteDeskPull(const QString &deskId)
{
    // A desk pulls page after page: one write per desk and half minute is precise enough to tell a
    // supervisor when it was last heard of. Never a reason to fail the pull.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime &last = m_pullNoted[deskId];
    if (last.isValid() && last.secsTo(now) < 30)
        return;
    last = now;
    if (Status s = exec(QStringLiteral("UPDATE desks SET last_pull_at = ? WHERE id = ?"),
                        {isoUtc(now), deskId});
        !s)
        qCWarning(lcStore) << "last pull of desk" << deskId << "not recorded:" << s.error().message;
}

Result<QList<PublisherDesks>> SqlServerStore::desks(const QString &publisherId,
                                                    const QDateTime &now)
{
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    QList<PublisherDesks> out;
    auto pq = publisherId.isEmpty()
                  ? run(QStringLiteral("SELECT id, code, name FROM publisher ORDER BY code"))
                  : run(QStringLiteral("SELECT id, code, name FROM publisher WHERE id = ?"),
                        {publisherId});
    if (!pq)
        return pq.error();
    while ((*pq)->next()) {
        PublisherDesks p;
        p.publisher = PublisherInfo{(*pq)->value(0).toString(), (*pq)->value(1).toString(),
                                    (*pq)->value(2).toString()};
        p.desks.now = isoUtc(now);
        p.desks.epoch = *ep;
        out << p;
    }
    (*pq)->finish();
    for (PublisherDesks &p : out) {
        auto tq = run(
            QStringLiteral(
                "SELECT cutoff, weekdays FROM publication WHERE owner_id = ? AND deleted = 0"),
            {p.publisher.id});
        if (!tq)
            return tq.error();
        QList<std::pair<QTime, int>> titles;
        while ((*tq)->next())
            titles << std::pair{QTime::fromString((*tq)->value(0).toString(),
                                                  QStringLiteral("HH:mm")),
                                (*tq)->value(1).toInt()};
        (*tq)->finish();
        const QDateTime cutoff = lastCutoff(titles, now);
        p.desks.cutoff = cutoff.isValid() ? isoUtc(cutoff) : QString();
        // Every desk registered: it synced, reported, leased numbers or was reseeded from. A desk
        // that leased and was never heard of again is listed too, as never reported. An import's
        // id, registered by bulk/import, is no desk: it does none of these.
        auto q = run(
            QStringLiteral(
                "SELECT id, host, coalesce(reported_by, registered_by), registered_at, "
                "last_push_at, last_pull_at, reported_at, queue_depth, oldest_queued_at, "
                "epoch_seen, numbers_left, app_version, clock_skew_seconds FROM desks "
                "WHERE owner_id = ? AND (last_pull_at IS NOT NULL OR last_push_at IS NOT NULL "
                "OR reported_at IS NOT NULL OR reseeded_seq > 0 OR EXISTS (SELECT 1 FROM "
                "number_leases l WHERE l.owner_id = desks.owner_id AND l.desk_id = desks.id)) "
                "ORDER BY coalesce(host, ''), id"),
            {p.publisher.id});
        if (!q)
            return q.error();
        while ((*q)->next()) {
            QSqlQuery &r = **q;
            DeskLine d;
            d.deskId = r.value(0).toString();
            d.host = r.value(1).toString();
            d.user = r.value(2).toString();
            d.registeredAt = r.value(3).toString();
            d.lastPushAt = r.value(4).toString();
            d.lastPullAt = r.value(5).toString();
            d.reportedAt = r.value(6).toString();
            if (!r.value(7).isNull())
                d.queueDepth = r.value(7).toLongLong();
            d.oldestQueuedAt = r.value(8).toString();
            d.epochSeen = r.value(9).toString();
            d.epochCurrent = !d.epochSeen.isEmpty() && d.epochSeen == *ep;
            if (!r.value(10).isNull())
                d.numbersLeft = r.value(10).toLongLong();
            d.appVersion = r.value(11).toString();
            if (!r.value(12).isNull())
                d.clockSkewSeconds = r.value(12).toLongLong();
            d.late = deskIsLate(d, p.desks.cutoff);
            p.desks.desks << d;
        }
        (*q)->finish();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return out;
}

} // namespace Relais::Server
