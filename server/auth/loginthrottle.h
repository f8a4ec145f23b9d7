#pragma once
// Logins under attack: a wrong password must cost the attacker, not the clerk.
//
// - Per address: after `maxPerAddress` failures within the window, that address is locked out
//   for `lockoutSeconds` (whatever the name).
// - Per user name and address: after `maxPerUserAddress` failures, that name from that address is
//   locked out.
// - Per user name alone (failures from anywhere): no lock-out, which someone else could trigger
//   from elsewhere, but a delay that doubles with each failure past `maxPerUserAddress`, capped at
//   `maxNameDelaySeconds`. An address the user has logged in from before is exempt, so a clerk at
//   their usual desk is never slowed down by guesses made elsewhere.
// A throttled request is refused before the password is checked: its hash is never computed.
//
// Checking a password (Argon2id, interactive limits: tens of milliseconds and 64 MiB) runs on
// worker threads (PasswordChecker), so that the other desks' requests are not held up by logins.

#include "serverstore.h"

#include <QDateTime>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <optional>

namespace Relais::Server {

struct LoginSettings
{
    int maxPerUserAddress = 5;
    int maxPerAddress = 50;
    int lockoutSeconds = 300; // also the window failures are counted in
    int maxNameDelaySeconds = 60;
    int maxSessionsPerUser = 20;
    int knownAddressDays = 90;
};

struct LoginKeys
{
    QString address;     // addr:IP
    QString userAddress; // user-addr:NAME|IP
    QString user;        // user:NAME
    QString known;       // known:NAME|IP (a good login came from there)
    QStringList all() const { return {address, userAddress, user, known}; }
    static LoginKeys of(const QString &userName, const QString &clientAddress);
};

// Seconds to wait before this login may be tried (0: now), from the throttle rows of its keys.
qint64 loginWait(const LoginSettings &settings, const LoginKeys &keys,
                 const QHash<QString, LoginThrottle> &rows, const QDateTime &now);
// Records a failed login under each of its keys.
Status recordLoginFailure(ServerStore &store, const LoginSettings &settings, const LoginKeys &keys,
                          const QDateTime &now);

// Argon2id checks on a small pool of worker threads; the answer comes back on the thread of
// `context`. At most `maxPending` checks wait or run at once: beyond, submit() refuses (the caller
// answers 503), so a flood of logins cannot queue up without end (each check takes 64 MiB).
class PasswordChecker final
{
public:
    explicit PasswordChecker(int threads = 1, int maxPending = 32);
    ~PasswordChecker();
    bool submit(const QString &hash, const QString &password, QObject *context,
                std::function<void(bool)> done);
    int pending() const { return m_pending.load(); }

private:
    QThreadPool m_pool;
    int m_maxPending;
    std::atomic<int> m_pending{0};
};

} // namespace Relais::Server
