// The store's side of logins and of what a publisher may learn of the server: throttle rows read
// in one query, a good login written in one idempotent transaction, the pruning of sessions and
// throttle rows, and the head a publisher's users are told (docs/server.md, "Logins").

#include "sqlserverstore_p.h"

namespace Relais::Server {

using detail::isoUtc;
using detail::placeholders;

Result<QHash<QString, LoginThrottle>> SqlServerStore::loginThrottles(const QStringList &keys)
{
    QHash<QString, LoginThrottle> out;
    if (keys.isEmpty())
        return out;
    QVariantList values;
    for (const QString &k : keys)
        values << k;
    auto q = run(
        QStringLiteral(
            "SELECT key, failures, locked_until, last_at FROM login_throttle WHERE key IN (%1)")
            .arg(placeholders(keys.size())),
        values);
    if (!q)
        return q.error();
    while ((*q)->next()) {
        LoginThrottle t;
        t.failures = int((*q)->value(1).toLongLong());
        if (!(*q)->value(2).isNull())
            t.lockedUntil = QDateTime::fromString((*q)->value(2).toString(), Qt::ISODateWithMs);
        if (!(*q)->value(3).isNull())
            t.lastAt = QDateTime::fromString((*q)->value(3).toString(), Qt::ISODateWithMs);
        out.insert((*q)->value(0).toString(), t);
    }
    (*q)->finish();
    return out;
}

Status SqlServerStore::writeLogin(const LoginSuccess &login)
{
    for (const QString &key : login.clearKeys)
        if (Status s = exec(QStringLiteral("DELETE FROM login_throttle WHERE key = ?"), {key}); !s)
            return s;
    const QString now = isoUtc(login.now);
    if (!login.knownKey.isEmpty())
        if (Status s = exec(QStringLiteral(
                                "INSERT INTO login_throttle (key, failures, locked_until, last_at) "
                                "VALUES (?, 0, NULL, ?) ON CONFLICT (key) DO UPDATE SET last_at = "
                                "excluded.last_at"),
                            {login.knownKey, now});
            !s)
            return s;
    // The user's sessions beyond the cap end, oldest first, so that a script logging in in a loop
    // cannot fill the table (and the new one always fits).
    if (login.maxSessions > 0)
        if (Status s = exec(QStringLiteral("DELETE FROM sessions WHERE user_id = ? AND token_hash "
                                           "NOT IN (SELECT token_hash "
                                           "FROM sessions WHERE user_id = ? ORDER BY created_at "
                                           "DESC, token_hash LIMIT ?)"),
                            {login.userId, login.userId, qint64(login.maxSessions - 1)});
            !s)
            return s;
    // ON CONFLICT: written again after a lost connection, the session is the same row.
    return exec(QStringLiteral("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?) "
                               "ON CONFLICT (token_hash) DO NOTHING"),
                {QString::fromLatin1(login.tokenHash), login.userId, now, isoUtc(login.expiresAt)});
}

Status SqlServerStore::completeLogin(const LoginSuccess &login)
{
    Error last;
    for (int attempt = 0; attempt < 2; ++attempt) {
        {
            Tx tx(*this, beginWriteSql());
            if (tx.isOpen()) {
                Status s = writeLogin(login);
                if (s)
                    s = tx.commit();
                if (s)
                    return Ok{};
                last = s.error();
            } else {
                last = tx.error();
            }
        }
        // Every statement above is idempotent: on a new connection the whole transaction runs again.
        if (attempt > 0 || !reconnectIfBroken())
            break;
    }
    return last;
}

Result<qint64> SqlServerStore::prune(const QDateTime &now, int throttleWindowSeconds,
                                     int knownAddressDays)
{
    const QString stamp = isoUtc(now);
    const QString windowStart = isoUtc(now.addSecs(-throttleWindowSeconds));
    const QString knownStart = isoUtc(now.addDays(-knownAddressDays));
    qint64 removed = 0;
    const QList<std::pair<QString, QVariantList>> statements{
        {QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"), {stamp}},
        // Counts past their window and lock-outs past their end; remembered addresses after a while.
        {QStringLiteral("DELETE FROM login_throttle WHERE key NOT LIKE 'known:%' AND (last_at IS "
                        "NULL OR last_at < ?) "
                        "AND (locked_until IS NULL OR locked_until <= ?)"),
         {windowStart, stamp}},
        {QStringLiteral("DELETE FROM login_throttle WHERE key LIKE 'known:%' AND (last_at IS NULL "
                        "OR last_at < ?)"),
         {knownStart}}};
    for (const auto &[sql, values] : statements) {
        auto q = run(sql, values);
        if (!q)
            return q.error();
        removed += qMax(0, (*q)->numRowsAffected());
        (*q)->finish();
    }
    return removed;
}

Result<qint64> SqlServerStore::publisherHead(const QString &publisherId)
{
    // The index change_log_owner (owner_id, seq) answers this without a scan.
    auto q = run(QStringLiteral("SELECT MAX(seq) FROM change_log WHERE owner_id = ?"),
                 {publisherId});
    if (!q)
        return q.error();
    const qint64 own = (*q)->next() ? (*q)->value(0).toLongLong() : 0;
    (*q)->finish();
    // Where the epoch started is told to everyone anyway (pull's epoch_start); a desk pulls from it.
    auto start = epochStart();
    if (!start)
        return start.error();
    return qMax(own, *start);
}

} // namespace Relais::Server
