#include "loginthrottle.h"

#include "passwords.h"

#include <QMetaObject>

namespace Relais::Server {

LoginKeys LoginKeys::of(const QString &userName, const QString &clientAddress)
{
    return LoginKeys{QStringLiteral("addr:") + clientAddress,
                     QStringLiteral("user-addr:") + userName + u'|' + clientAddress,
                     QStringLiteral("user:") + userName,
                     QStringLiteral("known:") + userName + u'|' + clientAddress};
}

qint64 loginWait(const LoginSettings &settings, const LoginKeys &keys,
                 const QHash<QString, LoginThrottle> &rows, const QDateTime &now)
{
    qint64 wait = 0;
    // Lock-outs: of this address, and of this name from this address.
    for (const QString &key : {keys.address, keys.userAddress}) {
        const LoginThrottle t = rows.value(key);
        if (t.lockedUntil.isValid() && t.lockedUntil > now)
            wait = qMax(wait, qMax<qint64>(1, now.secsTo(t.lockedUntil)));
    }
    if (wait > 0 || rows.contains(keys.known))
        return wait;
    // The name alone: a delay after the last failure, doubling past the free ones.
    const LoginThrottle t = rows.value(keys.user);
    if (!t.lastAt.isValid() || t.lastAt.secsTo(now) >= settings.lockoutSeconds)
        return 0;
    const int over = t.failures - settings.maxPerUserAddress;
    if (over < 0)
        return 0;
    const qint64 delay = qMin<qint64>(settings.maxNameDelaySeconds, qint64(1) << qMin(over, 20));
    const qint64 ready = delay - t.lastAt.secsTo(now);
    return qMax<qint64>(0, ready);
}

Status recordLoginFailure(ServerStore &store, const LoginSettings &settings, const LoginKeys &keys,
                          const QDateTime &now)
{
    const int window = settings.lockoutSeconds;
    for (const auto &[key, max] :
         {std::pair{keys.userAddress, settings.maxPerUserAddress},
          std::pair{keys.address, settings.maxPerAddress},
          std::pair{keys.user, 0}}) // the name alone: counted, never locked
        if (Status s = store.recordLoginFailure(key, now, max, settings.lockoutSeconds, window); !s)
            return s;
    return Ok{};
}

PasswordChecker::PasswordChecker(int threads, int maxPending) : m_maxPending(maxPending)
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setExpiryTimeout(-1);
}

PasswordChecker::~PasswordChecker()
{
    m_pool.clear();
    m_pool.waitForDone();
}

bool PasswordChecker::submit(const QString &hash, const QString &password, QObject *context,
                             std::function<void(bool)> done)
{
    if (m_pending.fetch_add(1) >= m_maxPending) {
        m_pending.fetch_sub(1);
        return false;
    }
    m_pool.start([this, hash, password, context, done = std::move(done)]() mutable {
        const bool good = Auth::verifyPassword(hash, password);
        m_pending.fetch_sub(1);
        // Queued to the context's thread; dropped if the context is gone by then.
        QMetaObject::invokeMethod(
            context, [done = std::move(done), good] { done(good); }, Qt::QueuedConnection);
    });
    return true;
}

} // namespace Relais::Server
