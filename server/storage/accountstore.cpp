// Publishers, users, sessions and login throttling as the store keeps them (the login itself is
// in loginstore.cpp). docs/server.md, "Users and roles".

#include "sqlserverstore_p.h"

#include <QSqlError>

namespace Relais::Server {

using namespace Protocol;
using detail::InListChunk;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

QString roleCode(Role r)
{
    switch (r) {
    case Role::Clerk: return QStringLiteral("clerk");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Admin: return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromCode(const QString &code)
{
    for (Role r : {Role::Clerk, Role::Supervisor, Role::Admin})
        if (roleCode(r) == code)
            return r;
    return std::nullopt;
}

Result<PublisherInfo> SqlServerStore::addPublisher(const QString &code, const QString &name,
                                                   const QString &id)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto q = run(QStringLiteral("SELECT id FROM publisher WHERE code = ?"), {code});
    if (!q)
        return q.error();
    if ((*q)->next())
        return Error::make(ErrorKind::Conflict, QStringLiteral("publisher.exists"),
                           tr("A publisher with code %1 already exists.").arg(code));
    (*q)->finish();
    if (!id.isEmpty()) {
        auto taken = run(QStringLiteral("SELECT 1 FROM publisher WHERE id = ?"), {id});
        if (!taken)
            return taken.error();
        if ((*taken)->next())
            return Error::make(ErrorKind::Conflict, QStringLiteral("publisher.exists"),
                               tr("A publisher with id %1 already exists.").arg(id));
    }
    PublisherInfo p{id.isEmpty() ? newId() : id, code, name};
    if (Status s = exec(QStringLiteral(
                            "INSERT INTO publisher (id, owner_id, code, name, deleted, rev, "
                            "updated_at, updated_by) VALUES (?, ?, ?, ?, 0, 0, ?, 'admin')"),
                        {p.id, p.id, code, name, isoUtc(QDateTime::currentDateTimeUtc())});
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return p;
}

Result<User> SqlServerStore::addUser(const QString &name, Role role, const QString &publisherCode,
                                     const QString &passwordHash)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto q = run(QStringLiteral("SELECT id, code, name FROM publisher WHERE code = ?"),
                 {publisherCode});
    if (!q)
        return q.error();
    if (!(*q)->next()) {
        Error e = Error::invalid(
            {Issue{QStringLiteral("publisher"), QStringLiteral("publisher.unknown"),
                   tr("No publisher has the code %1.").arg(publisherCode)}});
        return e;
    }
    User u;
    u.publisher = PublisherInfo{(*q)->value(0).toString(), (*q)->value(1).toString(),
                                (*q)->value(2).toString()};
    (*q)->finish();
    auto existing = run(QStringLiteral("SELECT id FROM users WHERE name = ?"), {name});
    if (!existing)
        return existing.error();
    const bool taken = (*existing)->next();
    (*existing)->finish(); // a read left open holds an SQLite snapshot (finishOpenReads)
    if (taken)
        return Error::invalid({Issue{QStringLiteral("name"), QStringLiteral("user.exists"),
                                     tr("A user named %1 already exists.").arg(name)}});
    u.id = newId();
    u.name = name;
    u.role = role;
    u.passwordHash = passwordHash;
    if (Status s = exec(QStringLiteral(
                            "INSERT INTO users (id, name, publisher_id, role, password_hash, "
                            "disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)"),
                        {u.id, name, u.publisher.id, roleCode(role), passwordHash,
                         isoUtc(QDateTime::currentDateTimeUtc())});
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return u;
}

Status SqlServerStore::disableUser(const QString &name, const QString &publisherId)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto q = publisherId.isEmpty()
                 ? run(QStringLiteral("UPDATE users SET disabled = 1 WHERE name = ? RETURNING id"),
                       {name})
                 : run(QStringLiteral("UPDATE users SET disabled = 1 WHERE name = ? AND "
                                      "publisher_id = ? RETURNING id"),
                       {name, publisherId});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::invalid({Issue{QStringLiteral("name"), QStringLiteral("user.unknown"),
                                     tr("No user is named %1.").arg(name)}});
    const QString id = (*q)->value(0).toString();
    (*q)->finish();
    // A disabled user's tokens die with the account.
    if (Status s = exec(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), {id}); !s)
        return s;
    return tx.commit();
}

Result<std::optional<User>> SqlServerStore::userWhere(const QString &where, const QVariant &value)
{
    auto q = run(QStringLiteral(
                     "SELECT u.id, u.name, u.role, u.password_hash, u.disabled, p.id, p.code, "
                     "p.name FROM users u JOIN publisher p ON p.id = u.publisher_id WHERE ")
                     + where,
                 {value});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return std::optional<User>();
    QSqlQuery &r = **q;
    User u;
    u.id = r.value(0).toString();
    u.name = r.value(1).toString();
    u.role = roleFromCode(r.value(2).toString()).value_or(Role::Clerk);
    u.passwordHash = r.value(3).toString();
    u.disabled = r.value(4).toLongLong() != 0;
    u.publisher = PublisherInfo{r.value(5).toString(), r.value(6).toString(),
                                r.value(7).toString()};
    r.finish();
    return std::optional<User>(u);
}

Result<std::optional<User>> SqlServerStore::userByName(const QString &name)
{
    return userWhere(QStringLiteral("u.name = ?"), name);
}

Result<std::optional<PublisherInfo>> SqlServerStore::publisherByCode(const QString &code)
{
    auto q = run(QStringLiteral("SELECT id, code, name FROM publisher WHERE code = ?"), {code});
    if (!q)
        return q.error();
    std::optional<PublisherInfo> p;
    if ((*q)->next())
        p = PublisherInfo{(*q)->value(0).toString(), (*q)->value(1).toString(),
                          (*q)->value(2).toString()};
    (*q)->finish();
    return p;
}

Result<QList<User>> SqlServerStore::usersOf(const QString &publisherId)
{
    auto q = run(
        QStringLiteral(
            "SELECT id, name, role, disabled FROM users WHERE publisher_id = ? ORDER BY name"),
        {publisherId});
    if (!q)
        return q.error();
    QList<User> out;
    while ((*q)->next()) {
        User u;
        u.id = (*q)->value(0).toString();
        u.name = (*q)->value(1).toString();
        u.role = roleFromCode((*q)->value(2).toString()).value_or(Role::Clerk);
        u.disabled = (*q)->value(3).toLongLong() != 0;
        out << u;
    }
    return out;
}

Status SqlServerStore::createSession(const QByteArray &tokenHash, const QString &userId,
                                     const QDateTime &expiresAt)
{
    return exec(QStringLiteral("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?)"),
                {QString::fromLatin1(tokenHash), userId, isoUtc(QDateTime::currentDateTimeUtc()),
                 isoUtc(expiresAt)});
}

Result<std::optional<Session>> SqlServerStore::session(const QByteArray &tokenHash,
                                                       const QDateTime &now)
{
    auto q = run(QStringLiteral("SELECT user_id, expires_at FROM sessions WHERE token_hash = ?"),
                 {QString::fromLatin1(tokenHash)});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return std::optional<Session>();
    const QString userId = (*q)->value(0).toString();
    const QString expires = (*q)->value(1).toString();
    (*q)->finish();
    if (expires <= isoUtc(now)) {
        // Expired tokens are removed when met; nothing else needs them.
        if (Status s = deleteSession(tokenHash); !s)
            return s.error();
        return std::optional<Session>();
    }
    auto u = userWhere(QStringLiteral("u.id = ?"), userId);
    if (!u)
        return u.error();
    if (!u->has_value() || (*u)->disabled)
        return std::optional<Session>();
    return std::optional<Session>(Session{**u, QDateTime::fromString(expires, Qt::ISODateWithMs)});
}

Status SqlServerStore::deleteSession(const QByteArray &tokenHash)
{
    return exec(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"),
                {QString::fromLatin1(tokenHash)});
}

Result<LoginThrottle> SqlServerStore::loginThrottle(const QString &key)
{
    auto q = run(QStringLiteral("SELECT failures, locked_until FROM login_throttle WHERE key = ?"),
                 {key});
    if (!q)
        return q.error();
    LoginThrottle t;
    if ((*q)->next()) {
        t.failures = int((*q)->value(0).toLongLong());
        if (!(*q)->value(1).isNull())
            t.lockedUntil = QDateTime::fromString((*q)->value(1).toString(), Qt::ISODateWithMs);
    }
    (*q)->finish();
    return t;
}

Status SqlServerStore::recordLoginFailure(const QString &key, const QDateTime &now, int maxFailures,
                                          int lockoutSeconds, int windowSeconds)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    // Failures older than the window are forgotten: a clerk's typos of last week count for nothing.
    const QString stamp = isoUtc(now);
    auto q = run(
        QStringLiteral(
            "INSERT INTO login_throttle (key, failures, locked_until, last_at) VALUES (?, 1, NULL, "
            "?) "
            "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN login_throttle.last_at IS NULL "
            "OR login_throttle.last_at < ? THEN 1 ELSE login_throttle.failures + 1 END, "
            "last_at = excluded.last_at RETURNING failures"),
        {key, stamp, isoUtc(now.addSecs(-windowSeconds))});
    if (!q)
        return q.error();
    const int failures = (*q)->next() ? int((*q)->value(0).toLongLong()) : 0;
    (*q)->finish();
    if (maxFailures > 0 && failures >= maxFailures) {
        if (Status s = exec(
                QStringLiteral(
                    "UPDATE login_throttle SET failures = 0, locked_until = ? WHERE key = ?"),
                {isoUtc(now.addSecs(lockoutSeconds)), key});
            !s)
            return s;
    }
    return tx.commit();
}

Status SqlServerStore::clearLoginFailures(const QString &key)
{
    return exec(QStringLiteral("DELETE FROM login_throttle WHERE key = ?"), {key});
}

} // namespace Relais::Server
